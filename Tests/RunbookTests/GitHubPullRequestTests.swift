import Runbook
import Testing
import TestSupport

@Suite struct GitHubPullRequestTests {
    @Test func opensAPullRequest() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        let client = try GitHubTest.client(fake.baseURL)

        let pull = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/alchemy-llm-0.1.2", base: "main",
                                                      title: "Bump alchemy-llm to 0.1.2", body: "# Evidence\n\n- [x] gate")

        #expect(pull == PullRequest(number: 1, url: fake.baseURL + "/acme/service/pull/1", created: true))
        let pulls = fake.pulls
        #expect(pulls.count == 1)
        #expect(pulls.first?.head == "deps/alchemy-llm-0.1.2" && pulls.first?.base == "main")
        #expect(pulls.first?.title == "Bump alchemy-llm to 0.1.2" && pulls.first?.body == "# Evidence\n\n- [x] gate")
        #expect(pulls.first?.state == "open")
        #expect(fake.received.map(\.method) == ["GET", "POST"], "looked for an open one first")
        let post = try #require(fake.received.last)
        #expect(post.path == "/repos/acme/service/pulls")
        #expect(post.headers["authorization"] == "Bearer \(GitHubTest.token)")
        #expect(post.headers["accept"] == "application/vnd.github+json")
        #expect(post.headers["x-github-api-version"] == "2022-11-28")
        #expect(post.headers["user-agent"] == GitHubTest.userAgent)
        #expect(post.headers["content-type"] == "application/json")
        let lookup = try #require(fake.received.first)
        #expect(lookup.path == "/repos/acme/service/pulls?state=open&head=acme%3Adeps%2Falchemy-llm-0.1.2&base=main&per_page=100")
    }

    @Test func runningAgainUpdatesTheSamePullRequest() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        let client = try GitHubTest.client(fake.baseURL)
        let first = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/x-0.1.2", base: "main",
                                                       title: "Bump x", body: "old body")

        let second = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/x-0.1.2", base: "main",
                                                        title: "Bump x to 0.1.2", body: "new body")

        #expect(first.created && !second.created)
        #expect(second.number == first.number && second.url == first.url)
        #expect(fake.pulls.count == 1, "not duplicated")
        #expect(fake.pulls.first?.body == "new body" && fake.pulls.first?.title == "Bump x to 0.1.2")
        #expect(fake.received.map(\.method) == ["GET", "POST", "GET", "PATCH"])
        #expect(fake.received.last?.path == "/repos/acme/service/pulls/1")
    }

    @Test func aClosedOrOtherPullRequestIsNotReused() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        fake.addPull(owner: "acme", name: "service", head: "deps/x-0.1.2", base: "main", title: "old", state: "closed")
        fake.addPull(owner: "acme", name: "service", head: "deps/x-0.1.2", base: "release", title: "other base")
        fake.addPull(owner: "acme", name: "service", head: "deps/y-0.1.2", base: "main", title: "other head")
        let client = try GitHubTest.client(fake.baseURL)

        let pull = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/x-0.1.2", base: "main",
                                                      title: "Bump x", body: "b")

        #expect(pull.created && pull.number == 4)
        #expect(fake.pulls.map { $0.title } == ["old", "other base", "other head", "Bump x"], "the others are untouched")
    }

    @Test func anEnterpriseAPIBaseWithAPathPrefixWorks() throws {
        let fake = try GitHubTest.fake()
        defer { fake.stop() }
        let client = try GitHubTest.client(fake.baseURL + "/api/v3/")

        let first = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/x", base: "main", title: "t", body: "1")
        let second = try client.openOrUpdatePullRequest(repo: GitHubTest.repo, head: "deps/x", base: "main", title: "t", body: "2")

        #expect(first.created && !second.created && first.number == second.number)
        #expect(fake.pulls.count == 1 && fake.pulls.first?.body == "2")
        #expect(fake.received.allSatisfy { $0.path.hasPrefix("/api/v3/repos/acme/service/pulls") }, "\(fake.received.map(\.path))")
    }

    @Test func theTokenNeverShowsInTheClientsDescription() throws {
        let client = try GitHubTest.client("https://api.github.com")
        #expect(!String(describing: client).contains(GitHubTest.token))
        #expect(!String(reflecting: client).contains(GitHubTest.token))
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains(GitHubTest.token))
    }
}
