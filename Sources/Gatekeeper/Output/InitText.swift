import Checks
import Runbook
import Usage
import Support

/// What `init` wrote, found and marked, and the first check's verdict with --check.
enum InitText {
    struct Written {
        let configPath: String
        let dependency: String
        let manifests: [String]
        let plan: String?
        let marked: [PlanMarking.Marked]
        let findings: InitFindings
    }

    static func print(_ w: Written, check: CheckReport?, json: Bool, console: Console) {
        let found: [(String, JSONValue, String)] = [
            ("upstream", w.findings.upstream.value.map { .string($0) } ?? .null, w.findings.upstream.note),
            ("fix_commit", w.findings.fixCommit.value.map { .string($0) } ?? .null, w.findings.fixCommit.note),
            ("qa", w.findings.qa.value.map { .array($0.map { .string($0) }) } ?? .null, w.findings.qa.note),
        ]
        if json {
            var doc = JSONObject([
                "config": .string(w.configPath),
                "dependency": .string(w.dependency),
                "manifests": .array(w.manifests.map { .string($0) }),
                "found": .object(JSONObject(found.map { JSONObject.Member(key: $0.0, value: ["value": $0.1, "note": .string($0.2)]) })),
                "plan": w.plan.map { .string($0) } ?? .null,
                "marked": .array(w.marked.map { m in
                    [
                        "line": .number(JSONNumber(m.line)),
                        "markers": .array(m.markers.map { .string($0) }),
                    ]
                }),
            ])
            if let check { doc["check"] = check.json }
            Console.printJSON(.object(doc))
            return
        }
        Console.say("wrote \(w.configPath): gate on \(w.dependency) (\(w.manifests.joined(separator: ", ")))")
        for (key, _, note) in found { Console.say("  \(key): \(note)") }
        if let plan = w.plan {
            if w.marked.isEmpty {
                Console.say("\(plan): no unmarked line it recognises")
            } else {
                Console.say("\(plan): marked \(w.marked.count) line\(w.marked.count == 1 ? "" : "s")")
                for m in w.marked { Console.say("  line \(m.line): \(m.markers.joined(separator: " "))") }
            }
        } else {
            Swift.print("no PLAN.md: nothing to mark")
        }
        if let check {
            Swift.print("")
            CheckText.print(check, console: console, verbose: false)
        }
    }
}
