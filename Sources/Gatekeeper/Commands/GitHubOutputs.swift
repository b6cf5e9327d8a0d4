import Checks
import Foundation

/// GitHub Actions integration: step outputs and the job summary, when the runner provides them.
enum GitHubOutputs {
    static func write(_ report: CheckReport) throws {
        let env = ProcessInfo.processInfo.environment
        if let path = env["GITHUB_OUTPUT"], !path.isEmpty {
            var lines = ["open=\(report.open)", "version=\(report.gates.first?.candidate ?? "")"]
            for gate in report.gates where report.gates.count > 1 {
                lines += ["\(gate.id)-open=\(gate.open)", "\(gate.id)-version=\(gate.candidate ?? "")"]
            }
            try append(lines.joined(separator: "\n") + "\n", to: path)
        }
        if let path = env["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            try append(markdown(report), to: path)
        }
    }

    static func markdown(_ report: CheckReport) -> String {
        var md = ""
        for gate in report.gates {
            md += "### gatekeeper: \(gate.id) is \(gate.open ? "open" : "closed") (pinned \(gate.current), candidate \(gate.candidate ?? "none"))\n\n"
            md += "| criterion | status | source | evidence |\n|---|---|---|---|\n"
            for c in gate.criteria {
                md += "| \(cell(c.title)) | \(c.passed ? "✅ pass" : "❌ fail") | \(cell(c.source ?? "–")) | \(cell(c.location.map { "`\($0)` \(c.evidence ?? "")" } ?? "–")) |\n"
            }
            md += "| provenance | \(gate.provenance.status.rawValue) | \(cell(gate.provenance.commit.map { "commit \($0.prefix(7))" } ?? "–")) | \(cell(gate.provenance.detail ?? "–")) |\n"
            md += "| package ⇄ source | \(gate.provenance.sources.status.rawValue) | – | \(cell(gate.provenance.sources.detail ?? "–")) |\n"
            md += "| fix in package | \(gate.provenance.fixInPackage.status.rawValue) | – | \(cell(gate.provenance.fixInPackage.detail ?? "–")) |\n"
            for reason in gate.reasons { md += "\n- closed: \(cell(reason))" }
            md += "\n\n"
        }
        return md
    }

    private static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
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
