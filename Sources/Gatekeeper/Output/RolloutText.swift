import Checks
import ArgumentParser
import Foundation
import Runbook
import Usage
import Support

/// The end of a rollout, as text or one JSON document; the exit code follows the outcome.
enum RolloutText {
    static func report(_ outcome: RolloutOutcome, json: Bool, console: Console) throws {
        var doc: JSONValue = .null
        var exit: Int32 = 0
        switch outcome {
        case .completed(let commit, let branch, let evidence, let pr):
            doc = ["status": "completed", "branch": .string(branch), "commit": .string(commit), "evidence": .string(evidence),
                   "pull_request": pr.map { .string($0.url) } ?? .null]
            if !json {
                Console.say("rolled out on \(branch) (commit \(commit.prefix(7))); evidence in \(evidence)")
                Console.say("check it: gatekeeper evidence verify \(evidence)")
                if let pr { Console.say("pull request #\(pr.number) \(pr.created ? "opened" : "updated"): \(pr.url)") }
            }
        case .nothingToDo(let branch, let commit):
            doc = ["status": "nothing-to-do", "branch": .string(branch), "commit": commit.map { .string($0) } ?? .null]
            if !json { Console.say("nothing to do: \(branch) already holds this rollout\(raw: commit.map { " (commit \(PrintableText.line(String($0.prefix(7)))))" } ?? "")") }
        case .dryRun(let plan, let diff):
            doc = ["status": "dry-run", "steps": .array(plan.map { .string($0) }), "manifests_diff": .string(diff)]
            if !json {
                print("dry run: nothing was changed. The rollout would:")
                for line in plan { Console.say("  \(line)") }
                print("")
                var lines = PrintableText.lines(diff)
                if lines.count > 1, lines.last == "" { lines.removeLast() }
                for line in lines { print(line) }
            }
        case .gateClosed(let reasons):
            exit = 1
            doc = ["status": "gate-closed", "reasons": .array(reasons.map { .string($0) })]
            if !json {
                print("\(console.paint("refused", .red)): the gate is closed, nothing was changed")
                for r in reasons { Console.say("  closed: \(r)") }
            }
        case .failed(let step, let message, let evidence):
            exit = 1
            doc = ["status": "failed", "step": .string(step.rawValue), "message": .string(message), "evidence": .string(evidence)]
            if !json {
                Console.say("\(raw: console.paint("failed", .red)) at \(step.title): \(message)")
                Console.say("nothing was committed; the branch and the evidence so far (\(evidence)) are kept.")
                print("fix the cause, then: gatekeeper rollout --version … --resume")
            }
        }
        if json { Console.printJSON(doc) }
        if exit != 0 { throw ExitCode(exit) }
    }
}
