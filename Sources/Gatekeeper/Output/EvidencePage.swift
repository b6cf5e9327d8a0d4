import Checks
import Foundation
import Mustache
import Runbook
import Support

/// `gatekeeper evidence show DIR --html FILE`: the review as one self-contained page. Every
/// value from the bundle is shown by `PrintableText` (`t` below: control, line-separator and
/// bidirectional characters as visible escapes) and goes through Mustache's escaping `{{ }}`
/// (`<`, `>`, `&`, `"`, `'`); the template never uses `{{{ }}}` and puts bundle text in no
/// attribute but `href`, which `href(_:_:)` percent-encodes, so repository text cannot become
/// markup or read differently from what it is.
enum EvidencePage {
    /// `linkPrefix` leads from the page's folder to the bundle ("../evidence/x/", or "" when
    /// the page is inside the bundle).
    static func render(_ e: EvidenceContents, linkPrefix: String) throws -> String {
        let template = try MustacheTemplate(string: EvidencePageTemplate.page)
        return template.render(context(e, linkPrefix: linkPrefix))
    }

    static func context(_ e: EvidenceContents, linkPrefix: String) -> [String: Any] {
        let t = PrintableText.line
        func link(_ file: String) -> [String: Any] { ["file": t(file), "href": href(linkPrefix, file)] }
        func suite(_ s: EvidenceContents.Suite) -> String {
            guard let p = s.passed, let f = s.failed else { return t(s.status) }
            return "\(t(s.status)): \(p) passed, \(f) failed"
        }
        let r = e.integrity
        let problems = [("altered", r.altered), ("missing", r.missing), ("unexpected", r.unexpected)].flatMap { label, names in
            names.map { ["label": label, "file": t($0), "reason": t(r.reasons[$0] ?? "")] }
        } + BundlePath.sorted(Array(r.signatureProblems.keys)).map { ["label": "signature", "file": t($0), "reason": t(r.signatureProblems[$0] ?? "")] }
        return [
            "dependency": t(e.dependency), "from": t(e.fromVersion), "to": t(e.toVersion),
            "branch": t(e.rolloutBranch), "created": t(e.createdAt),
            "intact": r.intact, "checked": r.checked, "problems": problems, "signature": t(r.signatureLine),
            "vsa": t(e.verificationSummary ?? "none (the gate was skipped)"), "vsaClass": tone(e.verificationSummary == "PASSED" ? "pass" : "fail"),
            "verdict": t(e.gateVerdict), "verdictClass": tone(e.gateVerdict), "overridden": e.gateOverride != nil, "override": t(e.gateOverride ?? ""),
            "criteria": (e.criteria + (e.provenance.map { [$0] } ?? []) + e.provenanceParts).map { c in
                ["id": t(c.id), "title": t(c.title), "status": t(c.status), "statusClass": tone(c.status),
                 "source": t(c.source), "location": t(c.location), "quote": t(c.evidence)]
            },
            "changes": e.changes.map { f in
                ["path": t(f.path), "kind": f.isLockfile ? "lockfile" : "manifest", "added": f.added, "removed": f.removed] as [String: Any]
            },
            "diffLink": link(EvidenceLayout.manifestsDiff),
            "diff": diffLines(e.manifestsDiff),
            "contracts": suite(e.contracts), "contractsClass": tone(e.contracts.status),
            "contractsLink": link(EvidenceLayout.contracts),
            "captures": e.captures.map { ["name": t($0.name), "status": t($0.status), "statusClass": tone($0.status), "link": link($0.file)] },
            "parity": t(e.parity.status), "parityClass": tone(e.parity.status), "parityLink": link(EvidenceLayout.parityDiff),
            "keyDiffs": e.keyDiffs.map { d in
                ["title": t(d.title),
                 "columns": zip(d.sides, d.onlyIn).map { ["name": "only_in_\(t($0))", "keys": $1.map(t)] } + [["name": "shared", "keys": d.shared.map(t)]]]
            },
            "qa": suite(e.qa), "qaClass": tone(e.qa.status),
            "qaCommands": e.qaCommands.map { q in
                ["command": t(q.command), "status": t(q.status), "statusClass": tone(q.status),
                 "exit": q.exitCode.map(String.init) ?? "none", "duration": String(format: "%.3f s", q.durationSeconds.isFinite ? q.durationSeconds : 0),
                 "log": link(q.log)] as [String: Any]
            },
            "acceptance": e.acceptance.map { a in
                ["title": t(a.title), "holds": a.holds, "evidence": a.evidence.map(link)] as [String: Any]
            },
        ]
    }

    /// A CSS class from a status word; anything unknown is neutral, never good.
    static func tone(_ status: String) -> String {
        switch status {
        case "pass", "open", "aligned", "captured": return "good"
        case "fail", "closed", "drift", "unknown", "timed out": return "bad"
        default: return "neutral"
        }
    }

    /// Unified diff lines with the class that colours them, split at every line break and
    /// each shown by `PrintableText.line`.
    static func diffLines(_ diff: String) -> [[String: String]] {
        var lines = PrintableText.lines(diff)
        if lines.last == "" { lines.removeLast() }
        return lines.map { line in
            let kind: String
            if line.hasPrefix("+++ ") || line.hasPrefix("--- ") || line.hasPrefix("diff ") || line.hasPrefix("index ") { kind = "diff-file" }
            else if line.hasPrefix("@@") { kind = "diff-hunk" }
            else if line.hasPrefix("+") { kind = "diff-add" }
            else if line.hasPrefix("-") { kind = "diff-del" }
            else { kind = "diff-ctx" }
            return ["kind": kind, "text": line]
        }
    }

    /// A relative URL to a bundle file. Everything but unreserved characters and '/' is
    /// percent-encoded, and a bare name starts with "./", so no name reads as a scheme
    /// (`javascript:`).
    static func href(_ prefix: String, _ file: String) -> String {
        (prefix.isEmpty ? "./" : "") + PercentEncoding.encode(prefix + file, keeping: [UInt8(ascii: "/")])
    }

    /// The way from the folder that will hold the page to the bundle, as a link prefix.
    static func linkPrefix(pageFile: String, bundle: String) -> String {
        func components(_ path: String) -> [String] {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().pathComponents.filter { $0 != "/" }
        }
        let from = components((pageFile as NSString).deletingLastPathComponent.isEmpty ? "." : (pageFile as NSString).deletingLastPathComponent)
        let to = components(bundle)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }
}
