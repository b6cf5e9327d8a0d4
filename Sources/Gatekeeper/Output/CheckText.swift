import Checks

/// The text form of a check report: a table per gate.
enum CheckText {
    static func print(_ report: CheckReport, console: Console, verbose: Bool) {
        for gate in report.gates {
            let verdict = gate.open ? console.paint("OPEN", .green) : console.paint("CLOSED", .red)
            Swift.print("gate \(gate.id): \(verdict) (pinned \(gate.current), candidate \(gate.candidate ?? "none"))")
            if gate.latestIncompatible, let latest = gate.latest {
                Swift.print("  newer, not compatible with \(gate.current): \(latest) (use --version \(latest))")
            }
            if let first = gate.firstWithFix, first != gate.candidate {
                Swift.print("  first release with the fix: \(first)")
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
            for line in Table.render(rows) {
                guard console.color else {
                    Swift.print("  " + line)
                    continue
                }
                Swift.print("  " + line.replacingOccurrences(of: " pass ", with: " \(console.paint("pass", .green)) ")
                    .replacingOccurrences(of: " fail ", with: " \(console.paint("fail", .red)) "))
            }
            for c in gate.criteria where !c.passed {
                for miss in c.rejected {
                    Swift.print("  near miss \(c.id): \(miss.location) (\(miss.rejection.explanation)): \(miss.evidence)")
                }
            }
            for m in gate.provenance.sources.mismatches.prefix(SourceCheck.listed) { Swift.print("  mismatch: \(m.file): \(m.why)") }
            if gate.provenance.sources.mismatches.count > SourceCheck.listed {
                Swift.print("  mismatch: and \(gate.provenance.sources.mismatches.count - SourceCheck.listed) more")
            }
            for f in gate.provenance.fixInPackage.files where f.note != nil || verbose {
                Swift.print("  fix: \(f.file): \(f.present) of \(f.hunks) changes present\(f.note.map { " (\($0))" } ?? "")")
            }
            for reason in gate.reasons { Swift.print("  closed: \(reason)") }
            if verbose || !gate.open {
                for note in gate.notes { Swift.print("  note: \(note)") }
            }
        }
        Swift.print("requests: \(report.requestsTotal) (\(report.requestsNotModified) answered 304 Not Modified)")
    }
}

/// Left-aligned columns; the last column is not padded.
enum Table {
    static func render(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        return rows.map { row in
            row.enumerated().map { k, cell in k == row.count - 1 ? cell : cell.padding(toLength: widths[k], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
    }
}
