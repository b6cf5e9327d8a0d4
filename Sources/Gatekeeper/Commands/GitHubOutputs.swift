import Checks
import Foundation
import Runbook
import Support

/// GitHub Actions integration: step outputs and the job summary, when the runner provides them.
enum GitHubOutputs {
    static func write(_ report: CheckReport) throws {
        let env = ProcessInfo.processInfo.environment
        if let path = env["GITHUB_OUTPUT"], !path.isEmpty {
            var lines = [try output("open", "\(report.open)"), try output("version", report.gates.first?.candidate ?? "")]
            for gate in report.gates where report.gates.count > 1 {
                guard isName(gate.id) else {
                    throw CommandFailure("GITHUB_OUTPUT: the gate id \(PrintableText.quoted(gate.id)) cannot name a step output (letters, digits, '-' and '_' only)")
                }
                lines += [try output("\(gate.id)-open", "\(gate.open)"), try output("\(gate.id)-version", gate.candidate ?? "")]
            }
            try append(lines.joined(separator: "\n") + "\n", to: path)
        }
        if let path = env["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            try append(markdown(report), to: path)
        }
    }

    /// One `name=value` line of GITHUB_OUTPUT. The runner reads the file line by line (CR, LF
    /// and CRLF end one) and takes the name up to the first `=` (or `<<`, a multi-line value),
    /// so a name outside letters, digits, `-` and `_` is refused, and the value is shown by
    /// `PrintableText.line`: it can never become a second line that sets another output.
    static func output(_ name: String, _ value: String) throws -> String {
        guard isName(name) else {
            throw CommandFailure("GITHUB_OUTPUT: \(PrintableText.quoted(name)) cannot name a step output (letters, digits, '-' and '_' only)")
        }
        return "\(name)=\(PrintableText.line(value))"
    }

    /// An output name GitHub accepts: an ASCII letter or `_`, then letters, digits, `-`, `_`.
    static func isName(_ name: String) -> Bool {
        func letter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        guard let first = name.utf8.first, letter(first) || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// The job summary: one table per gate. Every value is a Markdown cell or text
    /// (`Markdown.cell`, `Markdown.codeCell`, `Markdown.text`): upstream text cannot end a row,
    /// add a heading or open a comment that hides the rows after it.
    static func markdown(_ report: CheckReport) -> String {
        var md = ""
        for gate in report.gates {
            md += "### gatekeeper: \(Markdown.text(gate.id)) is \(gate.open ? "open" : "closed") "
            md += "(pinned \(Markdown.text(gate.current)), candidate \(Markdown.text(gate.candidate ?? "none")))\n\n"
            md += "| criterion | status | source | evidence |\n|---|---|---|---|\n"
            for c in gate.criteria {
                let evidence = c.location.map { "\(Markdown.codeCell($0)) \(Markdown.cell(c.evidence ?? ""))" } ?? "–"
                md += "| \(Markdown.cell(c.title)) | \(c.passed ? "✅ pass" : "❌ fail") | \(Markdown.cell(c.source ?? "–")) | \(evidence) |\n"
            }
            let p = gate.provenance
            md += "| provenance | \(Markdown.cell(p.status.rawValue)) | \(Markdown.cell(p.commit.map { "commit \($0.prefix(7))" } ?? "–")) | \(Markdown.cell(p.detail ?? "–")) |\n"
            md += "| package ⇄ source | \(Markdown.cell(p.sources.status.rawValue)) | – | \(Markdown.cell(p.sources.detail ?? "–")) |\n"
            md += "| fix in package | \(Markdown.cell(p.fixInPackage.status.rawValue)) | – | \(Markdown.cell(p.fixInPackage.detail ?? "–")) |\n"
            for reason in gate.reasons { md += "\n- closed: \(Markdown.text(reason))" }
            md += "\n\n"
        }
        return md
    }

    private static func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            if FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) { return }
            throw AtomicFile.WriteError(path: path, reason: "cannot open for appending")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
