import Foundation
import Usage
import Support

/// The fake GitHub API's pull requests and its request handling; thread-safe, since the
/// loopback server calls it from one thread per connection.
final class FakeGitHubStore: @unchecked Sendable {
    struct Pull {
        let repo: String
        let number: Int
        /// As the client sent it: "branch" or "owner:branch".
        let head: String
        var base: String
        var title: String
        var body: String
        var state: String

        var headLabel: String {
            head.contains(":") ? head : "\(repo.prefix { $0 != "/" }):\(head)"
        }
    }

    struct Issue {
        let repo: String
        let number: Int
        var title: String
        var body: String
        var state: String
        var stateReason: String?
        let labels: [String]
        var comments: [String]
    }

    typealias Answer = (status: Int, headers: [String: String], body: [UInt8])

    private let lock = NSLock()
    private var pulls: [Pull] = []
    private var issueList: [Issue] = []
    private var token: String?
    private var refuseIssues = false

    /// Answers every issue call 403, as GitHub does for a token without `issues: write`.
    var issuesForbidden: Bool {
        get { locked { refuseIssues } }
        set { locked { refuseIssues = newValue } }
    }

    var all: [Pull] { locked { pulls } }
    var issues: [Issue] { locked { issueList } }

    /// Like GitHub: issues and pull requests share one sequence of numbers per repository.
    private func nextNumber(_ repo: String) -> Int {
        max(pulls.filter { $0.repo == repo }.map(\.number).max() ?? 0, issueList.filter { $0.repo == repo }.map(\.number).max() ?? 0) + 1
    }

    var requiredToken: String? {
        get { locked { token } }
        set { locked { token = newValue } }
    }

    func add(repo: String, head: String, base: String, title: String, body: String, state: String) -> Int {
        locked {
            let number = nextNumber(repo)
            pulls.append(Pull(repo: repo, number: number, head: head, base: base, title: title, body: body, state: state))
            return number
        }
    }

    func addIssue(repo: String, title: String, body: String, labels: [String]) -> Int {
        locked {
            let number = nextNumber(repo)
            issueList.append(Issue(repo: repo, number: number, title: title, body: body, state: "open", stateReason: nil, labels: labels, comments: []))
            return number
        }
    }

    func answer(_ request: LoopbackHTTPServer.LoggedRequest, webBase: String) -> Answer {
        if let refusal = checkAuthorization(request.headers["authorization"]) { return refusal }
        let (path, query) = Self.split(request.path)
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 3, parts[1] == "api", parts[2] == "v3" { parts.removeSubrange(1...2) }
        // ["", "repos", owner, name, "pulls" | "issues"(, number(, "comments"))]
        guard parts.count >= 5, parts[0].isEmpty, parts[1] == "repos", !parts[2].isEmpty, !parts[3].isEmpty else {
            return Self.notFound
        }
        let repo = "\(parts[2])/\(parts[3])"
        if parts[4] == "issues", issuesForbidden { return Self.message(403, "Resource not accessible by integration") }
        if parts[4] == "issues" { return issueAnswer(request, repo: repo, parts: Array(parts[5...]), query: query, webBase: webBase) }
        guard parts[4] == "pulls" else { return Self.notFound }
        switch (request.method, parts.count) {
        case ("GET", 5): return list(repo, query, webBase: webBase)
        case ("POST", 5): return create(repo, request.body, webBase: webBase)
        case ("PATCH", 6):
            guard let number = Int(parts[5]) else { return Self.notFound }
            return update(repo, number, request.body, webBase: webBase)
        case ("GET", 6):
            guard let number = Int(parts[5]), let pull = all.first(where: { $0.repo == repo && $0.number == number }) else { return Self.notFound }
            return Self.json(200, Self.object(pull, webBase: webBase))
        default: return Self.notFound
        }
    }

    private func checkAuthorization(_ header: String?) -> Answer? {
        guard let header, !header.isEmpty else { return Self.message(401, "Requires authentication") }
        let words = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, ["bearer", "token"].contains(words[0].lowercased()),
              requiredToken.map({ $0 == words[1] }) ?? !words[1].isEmpty else {
            return Self.message(401, "Bad credentials")
        }
        return nil
    }

    private func list(_ repo: String, _ query: [String: String], webBase: String) -> Answer {
        let state = query["state"] ?? "open"
        // GitHub ignores a head filter that is not "owner:branch".
        let head = query["head"].flatMap { $0.contains(":") ? $0 : nil }
        let found = all.filter { pull in
            pull.repo == repo && (state == "all" || pull.state == state)
                && (head.map { pull.headLabel.lowercased() == $0.lowercased() } ?? true)
                && (query["base"].map { pull.base == $0 } ?? true)
        }
        return Self.json(200, .array(found.map { Self.object($0, webBase: webBase) }))
    }

    private func create(_ repo: String, _ body: [UInt8], webBase: String) -> Answer {
        guard let fields = (try? JSONReader.parse(body))?.objectValue else { return Self.message(400, "Problems parsing JSON") }
        let missing = ["head", "base", "title"].filter { fields[$0]?.stringValue.map { !$0.isEmpty } != true }
        if !missing.isEmpty {
            return Self.validationFailed(missing.map { .object(JSONObject(["resource": .string("PullRequest"), "code": .string("missing_field"), "field": .string($0)])) })
        }
        let head = fields["head"]?.stringValue ?? "", base = fields["base"]?.stringValue ?? ""
        let owner = String(repo.prefix { $0 != "/" })
        let label = head.contains(":") ? head : "\(owner):\(head)"
        if label.lowercased() == "\(owner):\(base)".lowercased() {
            return Self.validationFailed([Self.custom("No commits between \(base) and \(head)")])
        }
        // Checked and added under one lock: two racing POSTs must not both succeed.
        let number: Int? = locked {
            if pulls.contains(where: { $0.repo == repo && $0.state == "open" && $0.headLabel == label && $0.base == base }) { return nil }
            let number = nextNumber(repo)
            pulls.append(Pull(repo: repo, number: number, head: head, base: base, title: fields["title"]?.stringValue ?? "",
                              body: fields["body"]?.stringValue ?? "", state: "open"))
            return number
        }
        guard let number, let pull = all.first(where: { $0.repo == repo && $0.number == number }) else {
            return Self.validationFailed([Self.custom("A pull request already exists for \(label).")])
        }
        return Self.json(201, Self.object(pull, webBase: webBase), headers: ["Location": "\(webBase)/repos/\(repo)/pulls/\(number)"])
    }

    private func update(_ repo: String, _ number: Int, _ body: [UInt8], webBase: String) -> Answer {
        guard let fields = (try? JSONReader.parse(body))?.objectValue else { return Self.message(400, "Problems parsing JSON") }
        let updated: Pull? = locked {
            guard let index = pulls.firstIndex(where: { $0.repo == repo && $0.number == number }) else { return nil }
            if let title = fields["title"]?.stringValue { pulls[index].title = title }
            if let body = fields["body"]?.stringValue { pulls[index].body = body }
            if let base = fields["base"]?.stringValue { pulls[index].base = base }
            if let state = fields["state"]?.stringValue, ["open", "closed"].contains(state) { pulls[index].state = state }
            return pulls[index]
        }
        guard let updated else { return Self.notFound }
        return Self.json(200, Self.object(updated, webBase: webBase))
    }

    /// GET and POST …/issues, GET and PATCH …/issues/{n}, POST …/issues/{n}/comments.
    private func issueAnswer(_ request: LoopbackHTTPServer.LoggedRequest, repo: String, parts: [String], query: [String: String], webBase: String) -> Answer {
        let fields = (try? JSONReader.parse(request.body))?.objectValue
        switch (request.method, parts.count) {
        case ("GET", 0):
            let state = query["state"] ?? "open"
            let labels = (query["labels"] ?? "").split(separator: ",").map(String.init)
            let found = issues.filter { issue in
                issue.repo == repo && (state == "all" || issue.state == state) && labels.allSatisfy(issue.labels.contains)
            }
            return Self.json(200, .array(found.map { Self.object($0, webBase: webBase) }))
        case ("POST", 0):
            guard let fields, let title = fields["title"]?.stringValue, !title.isEmpty else {
                return Self.validationFailed([.object(JSONObject(["resource": "Issue", "code": "missing_field", "field": "title"]))])
            }
            let issue: Issue = locked {
                let issue = Issue(repo: repo, number: nextNumber(repo), title: title, body: fields["body"]?.stringValue ?? "", state: "open",
                                  stateReason: nil, labels: fields["labels"]?.arrayValue?.compactMap(\.stringValue) ?? [], comments: [])
                issueList.append(issue)
                return issue
            }
            return Self.json(201, Self.object(issue, webBase: webBase))
        case (let method, 1) where method == "GET" || method == "PATCH":
            guard let number = Int(parts[0]) else { return Self.notFound }
            let updated: Issue? = locked {
                guard let k = issueList.firstIndex(where: { $0.repo == repo && $0.number == number }) else { return nil }
                if method == "PATCH", let fields {
                    if let title = fields["title"]?.stringValue { issueList[k].title = title }
                    if let body = fields["body"]?.stringValue { issueList[k].body = body }
                    if let state = fields["state"]?.stringValue, ["open", "closed"].contains(state) { issueList[k].state = state }
                    if let reason = fields["state_reason"]?.stringValue { issueList[k].stateReason = reason }
                }
                return issueList[k]
            }
            guard let updated else { return Self.notFound }
            return Self.json(200, Self.object(updated, webBase: webBase))
        case ("POST", 2) where parts[1] == "comments":
            guard let number = Int(parts[0]), let body = fields?["body"]?.stringValue, !body.isEmpty else { return Self.notFound }
            let found: Bool = locked {
                guard let k = issueList.firstIndex(where: { $0.repo == repo && $0.number == number }) else { return false }
                issueList[k].comments.append(body)
                return true
            }
            guard found else { return Self.notFound }
            return Self.json(201, .object(JSONObject(["body": .string(body), "html_url": .string("\(webBase)/\(repo)/issues/\(number)#issuecomment-1")])))
        default:
            return Self.notFound
        }
    }

    private static func object(_ issue: Issue, webBase: String) -> JSONValue {
        .object(JSONObject([
            "url": .string("\(webBase)/repos/\(issue.repo)/issues/\(issue.number)"),
            "html_url": .string("\(webBase)/\(issue.repo)/issues/\(issue.number)"),
            "number": .number(JSONNumber(issue.number)),
            "state": .string(issue.state),
            "title": .string(issue.title),
            "body": .string(issue.body),
            "labels": .array(issue.labels.map { .object(JSONObject(["name": .string($0)])) }),
        ]))
    }

    /// The fields of GitHub's pull request object that clients read.
    private static func object(_ pull: Pull, webBase: String) -> JSONValue {
        let owner = String(pull.repo.prefix { $0 != "/" })
        return .object(JSONObject([
            "url": .string("\(webBase)/repos/\(pull.repo)/pulls/\(pull.number)"),
            "html_url": .string("\(webBase)/\(pull.repo)/pull/\(pull.number)"),
            "number": .number(JSONNumber(pull.number)),
            "state": .string(pull.state),
            "title": .string(pull.title),
            "body": .string(pull.body),
            "head": ["label": .string(pull.headLabel), "ref": .string(String(pull.headLabel.drop { $0 != ":" }.dropFirst()))],
            "base": ["label": .string("\(owner):\(pull.base)"), "ref": .string(pull.base)],
        ]))
    }

    private static let notFound = message(404, "Not Found")

    private static func custom(_ text: String) -> JSONValue {
        .object(JSONObject(["resource": .string("PullRequest"), "code": .string("custom"), "message": .string(text)]))
    }

    private static func validationFailed(_ errors: [JSONValue]) -> Answer {
        json(422, .object(JSONObject(["message": .string("Validation Failed"), "errors": .array(errors),
                           "documentation_url": .string("https://docs.github.com/rest/pulls/pulls#create-a-pull-request")])))
    }

    private static func message(_ status: Int, _ text: String) -> Answer {
        json(status, .object(JSONObject(["message": .string(text), "documentation_url": .string("https://docs.github.com/rest")])))
    }

    private static func json(_ status: Int, _ value: JSONValue, headers: [String: String] = [:]) -> Answer {
        (status, headers.merging(["Content-Type": "application/json; charset=utf-8"]) { a, _ in a },
         Array(JSONWriter.string(value, pretty: false).utf8))
    }

    /// Path and decoded query parameters of a request target.
    private static func split(_ target: String) -> (String, [String: String]) {
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
                query[decode(kv[0])] = kv.count == 2 ? decode(kv[1]) : ""
            }
        }
        return (String(pieces[0]), query)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
