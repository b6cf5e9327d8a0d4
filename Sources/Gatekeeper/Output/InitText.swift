import Checks
import Runbook
import Usage
import Support

/// What `init` wrote and marked.
enum InitText {
    static func print(configPath: String, dependency: String, manifests: [String], plan: String?,
                      marked: [PlanMarking.Marked], json: Bool) {
        if json {
            Console.printJSON([
                "config": .string(configPath),
                "dependency": .string(dependency),
                "manifests": .array(manifests.map { .string($0) }),
                "plan": plan.map { .string($0) } ?? .null,
                "marked": .array(marked.map { m in
                    [
                        "line": .number(JSONNumber(m.line)),
                        "markers": .array(m.markers.map { .string($0) }),
                    ]
                }),
            ])
            return
        }
        Console.say("wrote \(configPath): gate on \(dependency) (\(manifests.joined(separator: ", ")))")
        guard let plan else {
            Swift.print("no PLAN.md: nothing to mark")
            return
        }
        guard !marked.isEmpty else {
            Console.say("\(plan): no unmarked line it recognises")
            return
        }
        Console.say("\(plan): marked \(marked.count) line\(marked.count == 1 ? "" : "s")")
        for m in marked { Console.say("  line \(m.line): \(m.markers.joined(separator: " "))") }
    }
}
