import Checks
import Foundation
import Runbook
import Support

/// GitHub Actions integration: step outputs and the job summary, when the runner provides them.
enum GitHubOutputs {
    /// check: `open`, `version` (the candidate) and `latest` (the newest published version), the
    /// first gate's; with several gates also `<id>-open`, `<id>-version`, `<id>-latest`.
    static func write(_ report: CheckReport) throws {
        var outputs = [("open", "\(report.open)"), ("version", report.gates.first?.candidate ?? ""), ("latest", report.gates.first?.latest ?? "")]
        for gate in report.gates where report.gates.count > 1 {
            guard isName(gate.id) else {
                throw CommandFailure("GITHUB_OUTPUT: the gate id \(PrintableText.quoted(gate.id)) cannot name a step output (letters, digits, '-' and '_' only)")
            }
            outputs += [("\(gate.id)-open", "\(gate.open)"), ("\(gate.id)-version", gate.candidate ?? ""), ("\(gate.id)-latest", gate.latest ?? "")]
        }
        try set(outputs)
        try summary(markdown(report))
    }

    /// Appends `name=value` lines to the file GITHUB_OUTPUT names (nothing when it is unset).
    static func set(_ outputs: [(String, String)]) throws {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_OUTPUT"], !path.isEmpty else { return }
        try append(outputs.map { try output($0.0, $0.1) }.joined(separator: "\n") + "\n", to: path)
    }

    /// Appends Markdown to the job summary GITHUB_STEP_SUMMARY names (nothing when it is unset).
    static func summary(_ markdown: String) throws {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        try append(markdown, to: path)
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

extension GitHubOutputs {
    /// rollout: `status` (completed, nothing-to-do, dry-run, gate-closed, failed), `version`,
    /// `bundle` (the evidence folder, absolute, so a later step finds it from any folder),
    /// `branch`, `commit`, `pull-request`; and a few lines of job summary.
    static func write(_ outcome: RolloutOutcome, version: String, repo: String) throws {
        let absolute = { (folder: String) in Self.absolute(folder, in: repo) }
        var outputs: [(String, String)] = [("version", version)]
        var md = ""
        switch outcome {
        case .completed(let commit, let branch, let evidence, let pr):
            outputs += [("status", "completed"), ("bundle", absolute(evidence)), ("branch", branch), ("commit", commit), ("pull-request", pr?.url ?? "")]
            md = "### gatekeeper: rolled out \(Markdown.text(version)) on \(Markdown.code(branch))\n\n"
                + "- commit \(Markdown.code(String(commit.prefix(12))))\n- evidence \(Markdown.code(evidence))\n"
                + (pr.map { "- pull request #\($0.number): \(Markdown.text($0.url))\n" } ?? "")
        case .nothingToDo(let branch, let commit):
            outputs += [("status", "nothing-to-do"), ("branch", branch), ("commit", commit ?? "")]
            md = "### gatekeeper: \(Markdown.code(branch)) already holds the rollout of \(Markdown.text(version))\n"
        case .dryRun:
            outputs += [("status", "dry-run")]
            md = "### gatekeeper: dry run of the rollout of \(Markdown.text(version)); nothing was changed\n"
        case .gateClosed(let reasons):
            outputs += [("status", "gate-closed")]
            md = "### gatekeeper: the gate is closed for \(Markdown.text(version)); nothing was changed\n\n"
                + reasons.map { "- closed: \(Markdown.text($0))\n" }.joined()
        case .failed(let step, let message, let evidence):
            outputs += [("status", "failed"), ("bundle", absolute(evidence))]
            md = "### gatekeeper: the rollout of \(Markdown.text(version)) failed at \(Markdown.text(step.title))\n\n"
                + "\(Markdown.text(message))\n\nThe branch and the evidence so far (\(Markdown.code(evidence))) are kept.\n"
        }
        try set(outputs)
        try summary(md + "\n")
    }

    /// evidence verify: `bundle` (absolute) and `intact` (true or false).
    static func write(verified directory: String, intact: Bool) throws {
        try set([("bundle", absolute(directory, in: ".")), ("intact", "\(intact)")])
    }

    /// A folder output names absolutely, so a later step finds it from any working folder.
    private static func absolute(_ path: String, in folder: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }
}
