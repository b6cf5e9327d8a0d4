import Foundation
import Usage

/// A loopback stand-in for the part of GitHub's REST API that opens pull requests, answering
/// the way GitHub does (statuses, JSON shapes, error bodies) and recording what it receives.
/// Paths are served both at the root (api.github.com style) and under /api/v3 (Enterprise).
///
/// - GET   /repos/{o}/{r}/pulls?state=&head=owner:branch&base=   the matching pull requests
/// - POST  /repos/{o}/{r}/pulls        201 with number and html_url; 422 like GitHub when an
///                                     open pull request from that head into that base exists
/// - PATCH /repos/{o}/{r}/pulls/{n}    updates title, body, base, state
/// - GET   /repos/{o}/{r}/issues?state=&labels=   POST …/issues   GET, PATCH …/issues/{n}
/// - POST  /repos/{o}/{r}/issues/{n}/comments
/// - 401 when the Authorization header is missing or is not `requiredToken`.
public final class FakeGitHubAPI: @unchecked Sendable {
    private let server: LoopbackHTTPServer
    private let store = FakeGitHubStore()

    public init() throws {
        server = try LoopbackHTTPServer()
        let store = self.store
        let base = server.baseURL
        // The store, not self, is captured: the server must not keep the fake alive.
        for prefix in ["/repos/", "/api/v3/repos/"] {
            server.routePrefix(prefix) { request in store.answer(request, webBase: base) }
        }
    }

    deinit { server.stop() }

    /// "http://127.0.0.1:PORT"; use baseURL + "/api/v3" to act as a GitHub Enterprise server.
    public var baseURL: String { server.baseURL }

    public func stop() { server.stop() }

    /// Every request received, in arrival order (header names lower-cased).
    public var received: [LoopbackHTTPServer.LoggedRequest] { server.requests }

    /// Every pull request, in creation order (all repositories). `head` is as the client sent it.
    public var pulls: [(number: Int, head: String, base: String, title: String, body: String, state: String)] {
        store.all.map { (number: $0.number, head: $0.head, base: $0.base, title: $0.title, body: $0.body, state: $0.state) }
    }

    /// Every issue, in creation order (all repositories), with its comments.
    public var issues: [(number: Int, title: String, body: String, state: String, labels: [String], comments: [String])] {
        store.issues.map { (number: $0.number, title: $0.title, body: $0.body, state: $0.state, labels: $0.labels, comments: $0.comments) }
    }

    /// Every issue call answered 403 "Resource not accessible by integration" (a token
    /// without `issues: write`); pull requests still work.
    public var issuesForbidden: Bool {
        get { store.issuesForbidden }
        set { store.issuesForbidden = newValue }
    }

    /// The only token accepted (as "Bearer …" or "token …"); nil accepts any non-empty one.
    public var requiredToken: String? {
        get { store.requiredToken }
        set { store.requiredToken = newValue }
    }

    /// Adds an issue as if someone opened it earlier; returns its number.
    @discardableResult
    public func addIssue(owner: String, name: String, title: String, body: String, labels: [String] = []) -> Int {
        store.addIssue(repo: "\(owner)/\(name)", title: title, body: body, labels: labels)
    }

    /// Adds a pull request as if made earlier (e.g. a closed one); returns its number.
    @discardableResult
    public func addPull(owner: String, name: String, head: String, base: String, title: String,
                        body: String = "", state: String = "open") -> Int {
        store.add(repo: "\(owner)/\(name)", head: head, base: base, title: title, body: body, state: state)
    }
}
