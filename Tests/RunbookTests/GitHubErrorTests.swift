import Checks
import Runbook
import Testing
import TestSupport
import HTTP

@Suite struct GitHubErrorTests {
    @Test func aWrongTokenIsAClearErrorWithoutTheToken() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        let wrong = "ghp_WrongToken9876543210zyxwvuZYXWVU"
        let client = try GitHubTest.client(fake.baseURL, token: wrong)

        let error = try #require(GitHubTest.failure {
            _ = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/x", base: "main", title: "t", body: "b")
        })

        #expect(error.status == 401)
        #expect(error.description == "GitHub API GET /repos/acme/service/pulls: HTTP 401 Unauthorized: Bad credentials (check the token in GITHUB_TOKEN or GH_TOKEN)")
        #expect(!error.description.contains(wrong))
        #expect(fake.pulls.isEmpty)
        #expect(fake.received.count == 1, "a 401 is not retried")
    }

    @Test func gitHubsValidationMessageIsQuoted() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        let client = try GitHubTest.client(fake.baseURL)

        let error = try #require(GitHubTest.failure {
            _ = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "main", base: "main", title: "t", body: "b")
        })

        #expect(error.status == 422)
        #expect(error.description == "GitHub API POST /repos/acme/service/pulls: HTTP 422 Unprocessable Entity: Validation Failed (No commits between main and main)")
    }

    @Test func anUnreachableAPIIsOneLineNamingTheCall() throws {
        let fake = try GitHubTest.fake()
        let base = fake.baseURL
        fake.stop()
        let client = try GitHubTest.client(base)

        let error = try #require(GitHubTest.failure {
            _ = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/x", base: "main", title: "t", body: "b")
        })

        #expect(error.status == nil)
        #expect(error.description.hasPrefix("GitHub API GET /repos/acme/service/pulls: "), "\(error)")
        #expect(!error.description.contains("\n") && !error.description.contains(GitHubTest.token))
    }

    @Test func badInputIsRefusedBeforeAnyCall() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        let repo = GitHubTest.repo
        let cases: [(GitHubClient, String, String, String, String)] = [
            (try GitHubTest.client(fake.baseURL, token: ""), "deps/x", "main", "t", "no GitHub token: set GITHUB_TOKEN or GH_TOKEN"),
            (try GitHubTest.client(fake.baseURL, token: "ghp_abc def"), "deps/x", "main", "t", "the GitHub token contains whitespace or control characters"),
            (try GitHubTest.client(fake.baseURL, token: "ghp_abc\n"), "deps/x", "main", "t", "the GitHub token contains whitespace or control characters"),
            (try GitHubTest.client("api.github.com"), "deps/x", "main", "t", #"GitHub API base URL "api.github.com" is not an http:// or https:// URL without query"#),
            (try GitHubTest.client("https://api.github.com?x=1"), "deps/x", "main", "t", #"GitHub API base URL "https://api.github.com?x=1" is not an http:// or https:// URL without query"#),
            (try GitHubTest.client("http://github.example.com/api/v3"), "deps/x", "main", "t", #"GitHub API base URL "http://github.example.com/api/v3" must use https:// (the token would travel in clear text)"#),
            (try GitHubTest.client("https://me:hunter2@github.example.com/api/v3?x"), "deps/x", "main", "t", #"GitHub API base URL "https://[redacted]@github.example.com/api/v3?x" is not an http:// or https:// URL without query"#),
            (try GitHubTest.client(fake.baseURL), "", "main", "t", "pull request head branch is empty"),
            (try GitHubTest.client(fake.baseURL), "deps/x", "ma in", "t", #"pull request base branch "ma in" contains whitespace or control characters"#),
            (try GitHubTest.client(fake.baseURL), "deps/x", "main", " \n", "pull request title is empty"),
        ]
        for (client, head, base, title, message) in cases {
            let error = try #require(GitHubTest.failure {
                _ = try client.openOrUpdatePullRequest(repo: repo, head: head, base: base, title: title, body: "b")
            })
            #expect(error.description == message)
        }
        let client = try GitHubTest.client(fake.baseURL)
        let odd = try #require(GitHubTest.failure {
            _ = try client.openOrUpdatePullRequest(repo: GitHubRepositoryRef(owner: "acme/../x", name: "service"),
                                                   head: "deps/x", base: "main", title: "t", body: "b")
        })
        #expect(odd.description == #""acme/../x/service" is not a GitHub repository name (owner/name)"#)
        #expect(fake.received.isEmpty)
    }

    @Test func theFakeRefusesAMissingAuthorization() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        // Straight through the HTTP layer, without the client's headers.
        let http = try HTTPClient(options: HTTPOptions(userAgent: GitHubTest.userAgent))
        var failure: HTTPError?
        do { _ = try http.send(HTTPSendRequest(method: "GET", url: fake.baseURL + "/repos/acme/service/pulls")) } catch { failure = error }

        let error = try #require(failure)
        #expect(error.status == 401 && error.message == "HTTP 401 Unauthorized: Requires authentication")
    }
}
