import Foundation
import Support

/// An issue as the dashboard reads it.
public struct GitHubIssue: Sendable, Equatable {
    public let number: Int
    public let title: String
    public let body: String
    public let url: String
}

/// The issue calls the waiting dashboard makes: find its issue by label, create, edit,
/// comment, close. Same checks and errors as the pull request calls.
extension GitHubClient {
    /// Open issues (not pull requests, which the issues list also returns) carrying `label`.
    /// Only users with triage access can label an issue, so a stranger cannot plant one.
    public func openIssues(repo: GitHubRepositoryRef, label: String) throws(GitHubError) -> [GitHubIssue] {
        try check(repo)
        let path = "/repos/\(repo.owner)/\(repo.name)/issues"
        let answer = try call("GET", path, query: "state=open&labels=\(PercentEncoding.encode(label))&per_page=100")
        guard let list = answer.arrayValue else {
            throw GitHubError("GitHub API GET \(path): expected a JSON array of issues, got \(answer.typeDescription)")
        }
        return list.filter { $0["pull_request"] == nil }.compactMap(Self.issue)
    }

    public func createIssue(repo: GitHubRepositoryRef, title: String, body: String, labels: [String]) throws(GitHubError) -> GitHubIssue {
        try check(repo)
        let path = "/repos/\(repo.owner)/\(repo.name)/issues"
        let answer = try call("POST", path, json: ["title": .string(title), "body": .string(body), "labels": .array(labels.map { .string($0) })])
        return try issue(answer, "POST", path)
    }

    public func editIssue(repo: GitHubRepositoryRef, number: Int, title: String, body: String) throws(GitHubError) -> GitHubIssue {
        try check(repo)
        let path = "/repos/\(repo.owner)/\(repo.name)/issues/\(number)"
        return try issue(try call("PATCH", path, json: ["title": .string(title), "body": .string(body)]), "PATCH", path)
    }

    public func comment(repo: GitHubRepositoryRef, number: Int, body: String) throws(GitHubError) {
        try check(repo)
        _ = try call("POST", "/repos/\(repo.owner)/\(repo.name)/issues/\(number)/comments", json: ["body": .string(body)])
    }

    /// A comment, then the issue closed as completed.
    public func closeIssue(repo: GitHubRepositoryRef, number: Int, comment: String) throws(GitHubError) {
        try self.comment(repo: repo, number: number, body: comment)
        _ = try call("PATCH", "/repos/\(repo.owner)/\(repo.name)/issues/\(number)", json: ["state": "closed", "state_reason": "completed"])
    }

    private static func issue(_ value: JSONValue) -> GitHubIssue? {
        guard let number = value["number"]?.numberValue?.intValue, number > 0, let url = value["html_url"]?.stringValue else { return nil }
        return GitHubIssue(number: number, title: value["title"]?.stringValue ?? "", body: value["body"]?.stringValue ?? "", url: url)
    }

    private func issue(_ answer: JSONValue, _ method: String, _ path: String) throws(GitHubError) -> GitHubIssue {
        guard let issue = Self.issue(answer) else {
            throw GitHubError("GitHub API \(method) \(path): the response lacks an issue number or html_url")
        }
        return issue
    }
}
