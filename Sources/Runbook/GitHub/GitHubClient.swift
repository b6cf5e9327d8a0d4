import Checks
import Foundation
import Usage
import Support
import HTTP

/// The slice of GitHub's REST API that a rollout needs: open a pull request, or update the one
/// already open for the same branch. Calls go through the project's `HTTPClient` (libcurl).
public struct GitHubClient: Sendable {
    public static let defaultAPIBase = "https://api.github.com"
    /// The API version these calls are written against (GitHub's X-GitHub-Api-Version).
    static let apiVersion = "2022-11-28"

    /// Without trailing slashes.
    public let apiBase: String
    private let token: String
    private let userAgent: String
    private let http: HTTPClient

    /// `apiBase`: "https://api.github.com", or "https://HOST/api/v3" for GitHub Enterprise.
    /// `token` comes from GITHUB_TOKEN or GH_TOKEN, read by the caller. Checked when used.
    public init(apiBase: String = GitHubClient.defaultAPIBase, token: String, userAgent: String, http: HTTPClient) {
        var base = apiBase.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        self.apiBase = base
        self.token = token
        self.userAgent = userAgent
        self.http = http
    }

    /// Opens a pull request head → base with title and body or, when an open one for the same
    /// head and base already exists, updates its title and body instead of making a duplicate.
    /// `head` is a branch of `repo` ("deps/x-0.1.2") or "owner:branch" for a fork.
    public func openOrUpdatePullRequest(repo: GitHubRepositoryRef, head: String, base: String,
                                        title: String, body: String) throws(GitHubError) -> PullRequest {
        try check(repo)
        try GitHubInputs.checkBranch(head, "head")
        try GitHubInputs.checkBranch(base, "base")
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw GitHubError("pull request title is empty") }

        let pulls = "/repos/\(repo.owner)/\(repo.name)/pulls"
        let label = head.contains(":") ? head : "\(repo.owner):\(head)"
        if let existing = try findOpen(pulls, head: label, base: base) {
            let path = "\(pulls)/\(existing)"
            let answer = try call("PATCH", path, json: ["title": .string(title), "body": .string(body)])
            return try pullRequest(answer, "PATCH", path, created: false)
        }
        let answer = try call("POST", pulls, json: ["title": .string(title), "head": .string(head),
                                                    "base": .string(base), "body": .string(body)])
        return try pullRequest(answer, "POST", pulls, created: true)
    }

    /// What every call checks before a request: the API base, the token, the repository name.
    func check(_ repo: GitHubRepositoryRef) throws(GitHubError) {
        do { try GitHubInputs.checkAPIBase(apiBase) } catch { throw GitHubError(redacted(error.message)) }
        try GitHubInputs.checkToken(token)
        guard repo.isWellFormed else {
            throw GitHubError("\"\(PrintableText.line(repo.description))\" is not a GitHub repository name (owner/name)")
        }
    }

    /// The number of the open pull request from `head` ("owner:branch") into `base`, if any.
    /// The list is checked again here: GitHub ignores a head filter it cannot read.
    private func findOpen(_ pulls: String, head: String, base: String) throws(GitHubError) -> Int? {
        let query = "state=open&head=\(PercentEncoding.encode(head))&base=\(PercentEncoding.encode(base))&per_page=100"
        let answer = try call("GET", pulls, query: query)
        guard let list = answer.arrayValue else {
            throw GitHubError("GitHub API GET \(pulls): expected a JSON array of pull requests, got \(answer.typeDescription)")
        }
        return list.compactMap(GitHubPullJSON.init).filter { $0.isOpen(head: head, base: base) }.map(\.number).min()
    }

    /// One API call; its JSON answer, or an error naming the method and path.
    func call(_ method: String, _ path: String, query: String? = nil,
                      json: KeyValuePairs<String, JSONValue>? = nil) throws(GitHubError) -> JSONValue {
        var headers = [
            "Authorization": "Bearer \(token)",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": Self.apiVersion,
            "User-Agent": userAgent,
        ]
        var body: [UInt8] = []
        if let json {
            headers["Content-Type"] = "application/json"
            body = Array(JSONWriter.string(.object(JSONObject(json)), pretty: false).utf8)
        }
        let url = apiBase + path + (query.map { "?" + $0 } ?? "")
        let response: HTTPResponse
        do {
            response = try http.send(HTTPSendRequest(method: method, url: url, headers: headers, body: body))
        } catch {
            throw GitHubError(redacted("GitHub API \(method) \(path): \(error.message)\(Self.hint(error.status))"), status: error.status)
        }
        do {
            return try JSONReader.parse(response.body)
        } catch {
            throw GitHubError("GitHub API \(method) \(path): the response is not JSON (\(error))", status: response.status)
        }
    }

    private func pullRequest(_ answer: JSONValue, _ method: String, _ path: String, created: Bool) throws(GitHubError) -> PullRequest {
        guard let pull = GitHubPullJSON(answer) else {
            throw GitHubError("GitHub API \(method) \(path): the response lacks a pull request number or html_url")
        }
        return PullRequest(number: pull.number, url: pull.htmlURL, created: created)
    }

    /// What the usual causes of a status are, where GitHub's own message leaves them open.
    private static func hint(_ status: Int?) -> String {
        switch status {
        case 401: " (check the token in GITHUB_TOKEN or GH_TOKEN)"
        case 404: " (no such repository, or the token cannot see it)"
        default: ""
        }
    }

    /// Belt and braces: the HTTP layer already keeps Authorization values out of its errors.
    private func redacted(_ text: String) -> String {
        token.isEmpty ? text : SecretRedactor(secrets: [(name: nil, value: token)]).redact(text)
    }
}

/// The token never shows in a print, a log line or a debugger's summary of the client.
extension GitHubClient: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "GitHubClient(apiBase: \(apiBase))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["apiBase": apiBase]) }
}
