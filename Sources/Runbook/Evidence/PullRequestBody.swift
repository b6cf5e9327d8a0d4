import Usage
import Support

/// PR.md: what a reviewer reads first. Every claim links to the bundle file that proves it;
/// anything not run says so and ticks nothing.
public enum PullRequestBody {
    public static func title(_ input: EvidenceInput) -> String {
        "Bump \(input.dependency) from \(input.fromVersion) to \(input.toVersion)"
    }

    /// Render from a redacted input (as `EvidenceBundle.write` does), or send the bundle's
    /// PR.md rather than this text.
    public static func render(_ input: EvidenceInput) -> String {
        let summary = EvidenceSummary(input)
        var out = "# \(Markdown.text(title(input)))\n\n"
        out += "Rollout branch \(Markdown.code(input.rolloutBranch)) from \(Markdown.code(input.baseBranch)) "
        out += "at \(Markdown.code(input.baseCommit)), evidence gathered \(Markdown.text(input.createdAt)) "
        out += "(tools: \(Markdown.link(EvidenceLayout.environment))).\n\n"
        out += changes(input)
        out += gate(input, summary)
        out += suites(summary)
        out += qa(input)
        out += acceptance(summary)
        out += "## Integrity\n\n"
        out += "Every file of this bundle is listed with its SHA-256 in \(Markdown.link(EvidenceLayout.sums)) and "
        out += "\(Markdown.link(EvidenceLayout.statement)) (an in-toto statement); check them with "
        out += "`gatekeeper evidence verify <bundle>`. The suites' results are also an in-toto test-result statement, "
        out += Markdown.link(EvidenceLayout.testResults)
        if input.verifiedGate != nil {
            out += ", and the gate's verdict a SLSA verification summary, \(Markdown.link(EvidenceLayout.verificationSummary))"
        }
        out += ".\n"
        if let keyID = input.signingKeyID {
            let statements = EvidenceLayout.signedStatements.filter { $0 != EvidenceLayout.verificationSummary || input.verifiedGate != nil }
            out += "\nSigned: each statement is also a DSSE envelope ("
            out += statements.map { Markdown.link(EvidenceLayout.envelope(of: $0)) }.joined(separator: ", ")
            out += ") signed by key \(Markdown.code(keyID)); check them with "
            out += "`gatekeeper evidence verify <bundle> --key <public key> --require-signature`.\n"
        } else {
            out += "\nNot signed: no signing key was given, so nothing but these digests vouches for the files.\n"
        }
        return out
    }

    static func changes(_ input: EvidenceInput) -> String {
        let stat = DiffStat(input.manifestsDiff)
        var out = "## What changed\n\n"
        func list(_ label: String, _ files: [DiffStat.File]) {
            let items = files.map { "\(Markdown.code($0.path)) (+\($0.added) −\($0.removed))" }
            out += "- \(label): \(items.isEmpty ? "none" : items.joined(separator: ", "))\n"
        }
        list("Manifests", stat.files.filter { !$0.isLockfile })
        list("Lockfiles", stat.files.filter(\.isLockfile))
        if !input.lockfileExtras.isEmpty {
            // cargo's doing, not the bump's: shown so a reviewer is not surprised by the diff.
            out += "- Also changed by cargo in the lockfiles: \(input.lockfileExtras.map { Markdown.text($0) }.joined(separator: "; "))\n"
        }
        out += "- Full diff: \(Markdown.link(EvidenceLayout.manifestsDiff))\n\n"
        return out
    }

    static func gate(_ input: EvidenceInput, _ summary: EvidenceSummary) -> String {
        var out = "## Gate\n\n"
        if let reason = input.gateOverride {
            out += "**Gate skipped** with `--skip-gate`, reason: \(Markdown.text(reason)). "
        } else {
            out += "**Gate \(Markdown.text(summary.gateVerdict))**. "
        }
        out += "Report: \(Markdown.link(EvidenceLayout.gate)).\n\n"
        let criteria = input.gate["criteria"]?.arrayValue ?? []
        if criteria.isEmpty {
            out += "No criteria were evaluated.\n\n"
        } else {
            out += "| Criterion | Status | Source | Evidence |\n|---|---|---|---|\n"
            for c in criteria {
                let name = c["title"]?.stringValue ?? c["id"]?.stringValue ?? "?"
                let status = c["status"]?.stringValue ?? "unknown"
                let source = c["source"]?.stringValue ?? "none"
                var quote = c["evidence"]?.stringValue.map { Markdown.codeCell($0) } ?? "none"
                if let location = c["location"]?.stringValue { quote += " (\(Markdown.cell(location)))" }
                out += "| \(Markdown.cell(name)) | \(Markdown.cell(status)) | \(Markdown.cell(source)) | \(quote) |\n"
            }
            out += "\n"
        }
        if let provenance = input.gate["provenance"]?.objectValue, let status = provenance["status"]?.stringValue {
            out += "Provenance: \(Markdown.text(status))"
            if let commit = provenance["commit"]?.stringValue { out += " (commit \(Markdown.code(commit)))" }
            out += ".\n\n"
            out += provenanceParts(provenance)
        }
        return out
    }

    /// The package against its source and the fix in the package, as the gate report recorded them.
    static func provenanceParts(_ provenance: JSONObject) -> String {
        var out = ""
        if let sources = provenance["sources"]?.objectValue, let status = sources["status"]?.stringValue {
            out += "- Package ⇄ source: **\(Markdown.text(status))**"
            if let detail = sources["detail"]?.stringValue { out += ": \(Markdown.text(detail))" }
            out += "\n"
            let mismatches = sources["mismatches"]?.arrayValue ?? []
            for m in mismatches {
                out += "  - \(Markdown.code(m["file"]?.stringValue ?? "?")): \(Markdown.text(m["why"]?.stringValue ?? ""))\n"
            }
            if let more = sources["more_mismatches"]?.numberValue?.intValue { out += "  - and \(more) more\n" }
        }
        if let fix = provenance["fix_in_package"]?.objectValue, let status = fix["status"]?.stringValue {
            out += "- Fix in the package: **\(Markdown.text(status))**"
            if let detail = fix["detail"]?.stringValue { out += ": \(Markdown.text(detail))" }
            out += "\n"
            for f in fix["files"]?.arrayValue ?? [] {
                let hunks = f["hunks"]?.numberValue?.intValue ?? 0, present = f["present"]?.numberValue?.intValue ?? 0
                var line = "  - \(Markdown.code(f["file"]?.stringValue ?? "?")): \(present) of \(hunks) changes present"
                if let note = f["note"]?.stringValue { line += " (\(Markdown.text(note)))" }
                out += line + "\n"
            }
        }
        return out.isEmpty ? "" : out + "\n"
    }

    static func suites(_ summary: EvidenceSummary) -> String {
        var out = "## Suites\n\n| Suite | Result | Evidence |\n|---|---|---|\n"
        let c = summary.contracts
        let contracts = c.passed.map { "\($0) passed, \(c.failed ?? 0) failed" } ?? shown(c.status)
        out += "| Usage contracts | \(contracts) | \(Markdown.link(EvidenceLayout.contracts)), \(Markdown.link(EvidenceLayout.contractsJUnit)) |\n"
        for capture in summary.captures {
            out += "| Capture \(Markdown.codeCell(capture.name)) | \(shown(capture.status)) | \(Markdown.link(capture.file)) |\n"
        }
        out += "| Usage parity | \(shown(summary.parity.status)) | \(Markdown.link(EvidenceLayout.parityDiff)), \(Markdown.link(EvidenceLayout.paritySummary)) |\n\n"
        return out
    }

    static func qa(_ input: EvidenceInput) -> String {
        var out = "## QA\n\n"
        guard !input.qa.isEmpty else { return out + "**not run**: no QA commands. Record: \(Markdown.link(EvidenceLayout.qa)).\n\n" }
        out += "| Command | Result | Exit | Duration | Log |\n|---|---|---|---|---|\n"
        for q in input.qa {
            let exit = q.exitCode.map(String.init) ?? "none"
            let seconds = EvidenceDocuments.seconds(q.durationSeconds)
            out += "| \(Markdown.codeCell(q.command)) | \(shown(q.status)) | \(exit) | \(seconds) s | \(Markdown.link(q.logPath)) |\n"
        }
        return out + "\nRecord: \(Markdown.link(EvidenceLayout.qa)).\n\n"
    }

    static func acceptance(_ summary: EvidenceSummary) -> String {
        var out = "## Acceptance criteria\n\n"
        guard !summary.acceptance.isEmpty else { return out + "None listed.\n\n" }
        for a in summary.acceptance {
            let links = a.evidence.map { file in
                Markdown.link(file) + (a.weakEvidence[file].map { " (\(Markdown.text($0)))" } ?? "")
            }
            out += "- [\(a.ticked ? "x" : " ")] \(Markdown.text(a.item.title))"
            out += (links.isEmpty ? " — no evidence" : " — " + links.joined(separator: ", ")) + "\n"
        }
        return out + "\n"
    }

    /// Negative outcomes in bold, so they are not read past; every status is a table cell.
    static func shown(_ status: String) -> String {
        ["pass", "aligned", "captured"].contains(status) ? status : "**\(Markdown.cell(status))**"
    }
}
