import Foundation
import Checks
import Support

/// The waiting dashboard: one issue per repository, labelled `gatekeeper-dashboard`, titled
/// `gatekeeper: waiting for <crate>`, a table row per gate (pinned, candidate, newest, each
/// criterion, provenance, checked, why closed). Its first line is a hidden marker with a digest
/// of the table without the times, and the gates still waiting: a poll whose digest matches
/// edits nothing, so an unchanged poll notifies nobody.
public enum WaitingDashboard {
    public static let label = "gatekeeper-dashboard"
    static let marker = "<!-- gatekeeper-dashboard"

    public struct Page: Sendable, Equatable {
        public let title: String
        public let body: String
        public let digest: String
        /// Ids of the gates still closed.
        public let waiting: [String]
    }

    public static func page(_ report: CheckReport, checkedAt: String) -> Page {
        let crates = report.gates.map(\.dependency).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let title = "gatekeeper: waiting for " + PrintableText.line(crates.joined(separator: ", "))
        let waiting = report.gates.filter { !$0.open }.map(\.id)
        let digest = SHA256Hex.of(Array((title + "\n" + table(report, checkedAt: nil)).utf8))
        let header = "\(marker) digest=\(digest) waiting=\(waiting.map { PercentEncoding.encode($0) }.joined(separator: ",")) -->"
        let state = waiting.isEmpty
            ? "Every gate is open: the rollout closes this issue when it opens its pull request."
            : "\(waiting.count) of \(report.gates.count) gate\(report.gates.count == 1 ? "" : "s") closed."
        let body = """
            \(header)
            ## \(Markdown.text(title))

            \(state) Written by `gatekeeper check --dashboard`; a poll that changes nothing leaves this issue as it is (the `checked` column is the poll that last changed its row).

            \(table(report, checkedAt: checkedAt))
            """
        return Page(title: title, body: body, digest: digest, waiting: waiting)
    }

    /// One row per gate, every value a Markdown cell (upstream text cannot end a row or hide the next).
    static func table(_ report: CheckReport, checkedAt: String?) -> String {
        var md = "| gate | pinned | candidate | newest | criteria | provenance | checked | why closed |\n|---|---|---|---|---|---|---|---|\n"
        for gate in report.gates {
            let criteria = gate.criteria.map { "\($0.passed ? "✅" : "❌") \($0.id)" }.joined(separator: ", ")
            let why = gate.open ? "open" : gate.reasons.joined(separator: "; ")
            let cells = [gate.id, gate.current, gate.candidate ?? "none", gate.latest ?? "none", criteria.isEmpty ? "–" : criteria,
                         gate.provenance.status.rawValue, checkedAt ?? "", why]
            md += "| " + cells.map(Markdown.cell).joined(separator: " | ") + " |\n"
        }
        return md
    }

    /// The digest and waiting gates a body of ours records; nil for a body without our marker.
    static func recorded(_ body: String) -> (digest: String, waiting: [String])? {
        guard let first = body.split(separator: "\n", maxSplits: 1).first, first.hasPrefix(marker), first.hasSuffix(" -->") else { return nil }
        var digest = "", waiting: [String] = []
        for word in first.dropFirst(marker.count).dropLast(4).split(separator: " ") {
            if word.hasPrefix("digest=") { digest = String(word.dropFirst(7)) }
            if word.hasPrefix("waiting=") {
                waiting = word.dropFirst(8).split(separator: ",").map { String($0).removingPercentEncoding ?? String($0) }
            }
        }
        return (digest, waiting)
    }
}

/// What the dashboard did on GitHub.
public enum DashboardOutcome: Sendable, Equatable {
    case created(GitHubIssue)
    case edited(GitHubIssue)
    case unchanged(GitHubIssue)
    /// Every gate open and no issue: nothing to show.
    case notNeeded
    /// The rollout's pull request was linked and the issue closed (nothing else waits)…
    case closed(GitHubIssue)
    /// … or linked, the issue left open for the gates still waiting.
    case commented(GitHubIssue)

    /// "dashboard: " and `summary`.
    public var line: String { "dashboard: " + summary }

    public var summary: String {
        switch self {
        case .created(let i): "opened issue #\(i.number) \(i.url)"
        case .edited(let i): "updated issue #\(i.number) \(i.url)"
        case .unchanged(let i): "issue #\(i.number) unchanged"
        case .notNeeded: "every gate is open, no issue needed"
        case .closed(let i): "closed issue #\(i.number), linking the pull request"
        case .commented(let i): "linked the pull request on issue #\(i.number); other gates still wait"
        }
    }
}

extension WaitingDashboard {
    /// Creates the issue when a gate is closed and there is none; edits it when its digest or
    /// title differ; else leaves it alone.
    public static func sync(_ page: Page, target: GitHubTarget) throws -> DashboardOutcome {
        if let issue = try current(target) {
            if recorded(issue.body)?.digest == page.digest && issue.title == page.title { return .unchanged(issue) }
            return .edited(try target.client.editIssue(repo: target.repository, number: issue.number, title: page.title, body: page.body))
        }
        guard !page.waiting.isEmpty else { return .notNeeded }
        return .created(try target.client.createIssue(repo: target.repository, title: page.title, body: page.body, labels: [label]))
    }

    /// After the rollout of `gate` opened `pullRequest`: a comment linking it, and the issue
    /// closed unless other gates it records still wait. nil when there is no dashboard issue.
    public static func rolledOut(gate: String, version: String, pullRequest: PullRequest, target: GitHubTarget) throws -> DashboardOutcome? {
        guard let issue = try current(target) else { return nil }
        let others = (recorded(issue.body)?.waiting ?? []).filter { $0 != gate }
        let comment = "The rollout of \(Markdown.text(gate)) \(Markdown.text(version)) opened \(Markdown.text(pullRequest.url))."
        if others.isEmpty {
            try target.client.closeIssue(repo: target.repository, number: issue.number, comment: comment)
            return .closed(issue)
        }
        try target.client.comment(repo: target.repository, number: issue.number, body: comment)
        return .commented(issue)
    }

    /// Our open issue: labelled, and with our marker (the oldest, should there be two).
    static func current(_ target: GitHubTarget) throws -> GitHubIssue? {
        try target.client.openIssues(repo: target.repository, label: label)
            .filter { recorded($0.body) != nil }.min { $0.number < $1.number }
    }
}
