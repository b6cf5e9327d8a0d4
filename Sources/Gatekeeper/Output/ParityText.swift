import Checks
import Usage
import Support

/// The text form of a parity report.
enum ParityText {
    static func print(_ report: ParityReport, console: Console, written: [String]) {
        for side in [report.a, report.b] {
            let c = side.capture
            Console.say("\(side.name): \(c.file), \(c.eventCount) events, final assistant message from \(c.source)")
        }
        let fk = report.finalAssistantKeyDiff
        var keys = "final assistant keys: \(fk.shared.count) shared"
        if !fk.onlyInA.isEmpty { keys += "; only in \(report.a.name): \(fk.onlyInA.joined(separator: ", "))" }
        if !fk.onlyInB.isEmpty { keys += "; only in \(report.b.name): \(fk.onlyInB.joined(separator: ", "))" }
        if !fk.isEqual { keys += " (reported, not failed)" }
        Console.say("\(keys)")
        let uk = report.usageKeyDiff
        Console.say(uk.isEqual ? "usage keys: the same \(uk.shared.count) keys (\(uk.shared.joined(separator: ", ")))" : "usage keys: differ")
        for side in [report.a, report.b] {
            if let stop = side.capture.stopReason {
                Console.say("\(side.name) stop reason: \(JSONWriter.string(stop, pretty: false))")
            }
        }
        for v in report.violations {
            Console.say("\(raw: console.paint(v.kind.rawValue, .red)) \(v)")
        }
        let verdict = report.aligned ? console.paint("aligned", .green) : console.paint("drift", .red)
        Console.say("verdict: \(raw: verdict)")
        Console.say("wrote \(written.joined(separator: ", "))")
    }
}
