import Checks
import Support

/// The text form of a check report: a table per gate. Every value from the registry, the
/// package, the changelog, the commits or the config is shown by `PrintableText.line` (claims
/// are already one line, `PrintableText.prose`): upstream text cannot move the cursor, colour
/// the terminal or start a line of its own, so it can never pass for gatekeeper's verdict.
enum CheckText {
    static func print(_ report: CheckReport, console: Console, verbose: Bool) {
        let say = Console.say
        for gate in report.gates {
            let verdict = gate.open ? console.paint("OPEN", .green) : console.paint("CLOSED", .red)
            say("gate \(gate.id): \(raw: verdict) (pinned \(gate.current), candidate \(gate.candidate ?? "none"))")
            if gate.latestIncompatible, let latest = gate.latest {
                say("  newer, not compatible with \(gate.current): \(latest) (use --version \(latest))")
            }
            if let first = gate.firstWithFix, first != gate.candidate {
                say("  first release with the fix: \(first)")
            }
            var rows = [["criterion", "status", "source", "evidence"]]
            for c in gate.criteria {
                rows.append([c.id, c.status, c.source ?? "-", c.location.map { "\($0): \(c.evidence ?? "")" } ?? "-"])
            }
            let provenance = gate.provenance
            if gate.candidate != nil {
                rows.append(["provenance", provenance.status.rawValue, provenance.commit.map { "commit \($0.prefix(7))" } ?? "-",
                             provenance.detail ?? "-"])
                if provenance.sources.status != .notChecked || provenance.status != .notConfigured {
                    let s = provenance.sources
                    rows.append(["  sources", s.status.rawValue, s.compared > 0 ? "\(s.matched)/\(s.compared) files" : "-", s.detail ?? "-"])
                }
                if provenance.fixInPackage.status != .notChecked || provenance.status != .notConfigured {
                    let f = provenance.fixInPackage
                    let present = f.files.reduce(0) { $0 + $1.present }, total = f.files.reduce(0) { $0 + $1.hunks }
                    rows.append(["  fix in package", f.status.rawValue, total > 0 ? "\(present)/\(total) changes" : "-", f.detail ?? "-"])
                }
            }
            // Only the status column is coloured, and only after every cell is printable.
            let shown = rows.map { $0.map(PrintableText.line) }
            for line in Table.render(shown, style: { row, column, cell in
                guard console.color, row > 0, column == 1 else { return cell }
                switch shown[row][1] {
                case "pass": return console.paint(cell, .green)
                case "fail": return console.paint(cell, .red)
                default: return cell
                }
            }) {
                Swift.print("  " + line)
            }
            for c in gate.criteria where !c.passed {
                for miss in c.rejected {
                    say("  near miss \(c.id): \(miss.location) (\(miss.rejection.explanation)): \(miss.evidence)")
                }
            }
            for m in gate.provenance.sources.mismatches.prefix(SourceCheck.listed) { say("  mismatch: \(m.file): \(m.why)") }
            if gate.provenance.sources.mismatches.count > SourceCheck.listed {
                say("  mismatch: and \(gate.provenance.sources.mismatches.count - SourceCheck.listed) more")
            }
            for f in gate.provenance.fixInPackage.files where f.note != nil || verbose {
                say("  fix: \(f.file): \(f.present) of \(f.hunks) changes present\(raw: f.note.map { " (\(PrintableText.line($0)))" } ?? "")")
            }
            for reason in gate.reasons { say("  closed: \(reason)") }
            if verbose || !gate.open {
                for note in gate.notes { say("  note: \(note)") }
            }
        }
        say("requests: \(report.requestsTotal) (\(report.requestsNotModified) answered 304 Not Modified)")
    }
}

/// Left-aligned columns; the last column is not padded. Cells must already be printable
/// (`PrintableText.line`); `style` may wrap a padded cell in colour codes.
enum Table {
    static func render(_ rows: [[String]], style: (_ row: Int, _ column: Int, _ cell: String) -> String = { _, _, cell in cell }) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        return rows.enumerated().map { r, row in
            row.enumerated().map { k, cell in
                style(r, k, k == row.count - 1 ? cell : cell.padding(toLength: widths[k], withPad: " ", startingAt: 0))
            }.joined(separator: "  ")
        }
    }
}
