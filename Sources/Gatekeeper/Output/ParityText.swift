import Usage

/// The text form of a parity report.
enum ParityText {
    static func print(_ report: ParityReport, console: Console, written: [String]) {
        for side in [report.a, report.b] {
            let c = side.capture
            Swift.print("\(side.name): \(c.file), \(c.eventCount) events, final assistant message from \(c.source)")
        }
        let fk = report.finalAssistantKeyDiff
        var keys = "final assistant keys: \(fk.shared.count) shared"
        if !fk.onlyInA.isEmpty { keys += "; only in \(report.a.name): \(fk.onlyInA.joined(separator: ", "))" }
        if !fk.onlyInB.isEmpty { keys += "; only in \(report.b.name): \(fk.onlyInB.joined(separator: ", "))" }
        if !fk.isEqual { keys += " (reported, not failed)" }
        Swift.print(keys)
        let uk = report.usageKeyDiff
        Swift.print(uk.isEqual ? "usage keys: the same \(uk.shared.count) keys (\(uk.shared.joined(separator: ", ")))" : "usage keys: differ")
        for side in [report.a, report.b] {
            if let stop = side.capture.stopReason {
                Swift.print("\(side.name) stop reason: \(JSONWriter.string(stop, pretty: false))")
            }
        }
        for v in report.violations {
            Swift.print("\(console.paint(v.kind.rawValue, .red)) \(v)")
        }
        let verdict = report.aligned ? console.paint("aligned", .green) : console.paint("drift", .red)
        Swift.print("verdict: \(verdict)")
        Swift.print("wrote \(written.joined(separator: ", "))")
    }
}
