import Checks
import Runbook
import TestSupport
import HTTP

enum GitHubTest {
    static let token = "ghp_TestToken0123456789abcdefABCDEF"
    static let userAgent = "gatekeeper-tests/0.1.0 (tests@example.invalid)"
    static let repo = GitHubRepositoryRef(owner: "acme", name: "service")

    /// A fake API that accepts only `token`.
    static func fake() throws -> FakeGitHubAPI {
        let fake = try FakeGitHubAPI()
        fake.requiredToken = token
        return fake
    }

    /// A client with short delays, so retries do not slow the tests down.
    static func client(_ apiBase: String, token: String = GitHubTest.token) throws -> GitHubClient {
        // Not the client's User-Agent: the one GitHubClient is given must win.
        var options = HTTPOptions(userAgent: "gatekeeper-tests-http/0.1.0")
        options.baseDelay = 0.01
        options.maxDelay = 2
        options.connectTimeout = 5
        options.totalTimeout = 20
        return GitHubClient(apiBase: apiBase, token: token, userAgent: userAgent, http: try HTTPClient(options: options))
    }

    /// The error a call failed with, or nil when it succeeded.
    static func failure(_ body: () throws -> Void) -> GitHubError? {
        do {
            try body()
            return nil
        } catch let error as GitHubError {
            return error
        } catch {
            return GitHubError("not a GitHubError: \(error)")
        }
    }
}
