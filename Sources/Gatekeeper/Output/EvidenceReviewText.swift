import Checks
import Foundation
import Runbook
import Support

/// `gatekeeper evidence show DIR` as text: integrity first, because nothing below it can be
/// trusted when the bundle was altered.
enum EvidenceReviewText {
    static func lines(_ e: EvidenceContents, console: Console) -> [String] {
        var out: [String] = []
        out.append(console.paint("evidence \(PrintableText.line(e.dependency)) \(PrintableText.line(e.fromVersion)) → \(PrintableText.line(e.toVersion))", .bold)
            + " on \(PrintableText.line(e.rolloutBranch)), \(PrintableText.line(e.createdAt))")
        out.append(contentsOf: integrity(e.integrity, console: console))
        out.append(e.integrity.signatureLine)
        out.append("verification summary: " + (e.verificationSummary.map { "\(PrintableText.line($0)) (\(EvidenceLayout.verificationSummary))" } ?? "none (the gate was skipped)"))

        out.append("")
        let override = e.gateOverride.map { " (overridden: \(PrintableText.line($0)))" } ?? ""
        out.append(console.paint("gate: \(PrintableText.line(e.gateVerdict))", .bold) + override)
        var rows = [["criterion", "status", "source", "evidence"]]
        for c in e.criteria + (e.provenance.map { [$0] } ?? []) + e.provenanceParts {
            let quote = [c.location, c.evidence].filter { !$0.isEmpty }.joined(separator: ": ")
            rows.append([c.id, c.status, c.source, quote].map(PrintableText.line))
        }
        out.append(contentsOf: table(rows).map { "  " + $0 })

        out.append("")
        out.append(console.paint("what changed", .bold) + " (\(EvidenceLayout.manifestsDiff))")
        if e.changes.isEmpty { out.append("  nothing") }
        out.append(contentsOf: table(e.changes.map { f in
            [PrintableText.line(f.path), f.isLockfile ? "lockfile" : "manifest", "+\(f.added) -\(f.removed)"]
        }).map { "  " + $0 })

        out.append("")
        out.append(console.paint("suites", .bold))
        var suites = [["contracts", suite(e.contracts)]]
        suites.append(["captures", e.captures.map { "\(PrintableText.line($0.name)) \(PrintableText.line($0.status)) (\(PrintableText.line($0.file)))" }.joined(separator: ", ")])
        suites.append(["parity", PrintableText.line(e.parity.status)])
        for d in e.keyDiffs {
            let only = zip(d.sides, d.onlyIn).map { "only in \(PrintableText.line($0)): \($1.isEmpty ? "none" : $1.map(PrintableText.line).joined(separator: ", "))" }
            suites.append(["  \(PrintableText.line(d.title)) keys", (only + ["\(d.shared.count) shared"]).joined(separator: "; ")])
        }
        out.append(contentsOf: table(suites).map { "  " + $0 })

        out.append("")
        out.append(console.paint("QA: \(suite(e.qa))", .bold))
        out.append(contentsOf: table(e.qaCommands.map { q in
            [PrintableText.line(q.command), PrintableText.line(q.status), "exit \(q.exitCode.map(String.init) ?? "none")", seconds(q.durationSeconds), PrintableText.line(q.log)]
        }).map { "  " + $0 })

        out.append("")
        out.append(console.paint("acceptance criteria", .bold))
        for a in e.acceptance {
            let box = a.holds ? console.paint("[x]", .green) : console.paint("[ ]", .red)
            out.append("  \(box) \(PrintableText.line(a.title))")
            out.append("      evidence: \(a.evidence.isEmpty ? "none" : a.evidence.map(PrintableText.line).joined(separator: ", "))")
        }
        return out
    }

    static func integrity(_ r: VerificationReport, console: Console) -> [String] {
        if r.intact { return [console.paint("integrity: intact", .green) + ", \(r.checked) files match \(EvidenceLayout.sums) and \(EvidenceLayout.statement)"] }
        var out = [console.paint("integrity: ALTERED — do not trust this review", .red)
            + " (\(r.altered.count) altered, \(r.missing.count) missing, \(r.unexpected.count) unexpected, \(r.signatureProblems.count) signature problems)"]
        for (label, names) in [("altered", r.altered), ("missing", r.missing), ("unexpected", r.unexpected)] {
            for name in names { out.append("  \(label): \(PrintableText.line(name))" + (r.reasons[name].map { " (\(PrintableText.line($0)))" } ?? "")) }
        }
        for name in BundlePath.sorted(Array(r.signatureProblems.keys)) {
            out.append("  signature: \(PrintableText.line(name)) (\(PrintableText.line(r.signatureProblems[name] ?? "")))")
        }
        return out
    }

    static func suite(_ s: EvidenceContents.Suite) -> String {
        guard let p = s.passed, let f = s.failed else { return PrintableText.line(s.status) }
        return "\(PrintableText.line(s.status)), \(p) passed, \(f) failed"
    }

    /// A bundle may say anything: NaN or a huge number must print, not trap.
    static func seconds(_ d: Double) -> String {
        String(format: "%.3f s", d.isFinite ? d : 0)
    }

    /// Columns padded to their widest cell; the last column is not padded.
    static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
