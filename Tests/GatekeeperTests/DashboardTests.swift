import DemoWorld
import Foundation
import Support
import Testing
import TestSupport

/// `check --dashboard` and `rollout --open-pr --dashboard` against the loopback fake GitHub API:
/// one labelled issue per repository, created when a gate is closed, edited only when its table
/// changes, closed with a comment linking the pull request the rollout opens.
@Suite struct DashboardTests {
    static let token = "ghs_dashboard_token_42"

    /// Points a target's config at the fake API (and, with `secondGate`, adds a gate that waits
    /// for a release after 0.1.2, which none of the worlds publish).
    static func pointAtAPI(_ target: String, _ api: FakeGitHubAPI, secondGate: String? = nil) throws {
        let path = target + "/gatekeeper.toml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "[rollout.captures]", with: "github_api = \"\(api.baseURL)\"\ngithub_repository = \"team/tinyagent\"\n\n[rollout.captures]")
        if let index = secondGate {
            text = text.replacingOccurrences(of: "preset     = \"usage-semantics\"\n", with: """
                preset     = "usage-semantics"

                [[gate]]
                id         = "after-0-1-2"
                dependency = "alchemy-llm"
                manifests  = ["Cargo.toml"]
                index      = "\(index)"
                after      = "0.1.2"
                preset     = "usage-semantics"

                """)
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func check(_ world: CheckWorld, _ extra: [String] = [], token: String? = DashboardTests.token) throws -> CLI.Result {
        try world.check(["--dashboard"] + extra, environment: token.map { ["GITHUB_TOKEN": $0] } ?? ["GITHUB_TOKEN": "", "GH_TOKEN": ""])
    }

    static func edits(_ api: FakeGitHubAPI) -> Int { api.received.filter { $0.method != "GET" }.count }

    @Test func aClosedGateOpensTheIssueAndAnUnchangedPollEditsNothing() throws {
        let world = try CheckWorld(.noNewRelease)
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        api.requiredToken = Self.token
        try Self.pointAtAPI(world.scenario.target, api)

        let first = try Self.check(world)
        #expect(first.status == 1, "closed is the verdict: \(first.stderr)")
        #expect(first.lines.contains("dashboard: opened issue #1 \(api.baseURL)/team/tinyagent/issues/1"), "\(first.stdout)")
        let issue = try #require(api.issues.first)
        #expect(api.issues.count == 1)
        #expect(issue.title == "gatekeeper: waiting for alchemy-llm")
        #expect(issue.labels == ["gatekeeper-dashboard"])
        #expect(issue.body.contains("| alchemy-llm | 0.1.1 | none | none | ❌ provider-raw, ❌ total-tokens, ❌ cache-fields, ❌ overflow-input-only |"), "\(issue.body)")
        #expect(issue.body.contains("| no version above 0.1.1 is published |"))

        // The same poll again: read, never written.
        let before = Self.edits(api)
        let second = try Self.check(world)
        #expect(second.status == 1)
        #expect(second.lines.contains("dashboard: issue #1 unchanged"))
        #expect(Self.edits(api) == before, "an unchanged poll sends no request that edits")
        #expect(api.issues.count == 1 && api.issues[0].body == issue.body)
        #expect(!(first.stdout + first.stderr + second.stdout).contains(Self.token))
    }

    @Test func severalGatesShareOneIssueARowEach() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        try Self.pointAtAPI(world.scenario.target, api, secondGate: world.scenario.indexURL)
        let r = try Self.check(world)
        #expect(r.status == 1, "one gate closed: \(r.stdout)\(r.stderr)")
        let issue = try #require(api.issues.first)
        #expect(api.issues.count == 1)
        #expect(issue.title == "gatekeeper: waiting for alchemy-llm")
        let rows = issue.body.split(separator: "\n").filter { $0.hasPrefix("| alchemy-llm |") || $0.hasPrefix("| after-0-1-2 |") }
        #expect(rows.count == 2, "\(issue.body)")
        #expect(rows.first?.contains("| 0.1.1 | 0.1.2 | 0.1.2 | ✅ provider-raw, ✅ total-tokens, ✅ cache-fields, ✅ overflow-input-only | pass |") == true, "\(rows)")
        #expect(rows.first?.hasSuffix("| open |") == true)
        #expect(rows.last?.contains("no version above 0.1.2 is published") == true)
        #expect(issue.body.hasPrefix("<!-- gatekeeper-dashboard digest="))
        #expect(issue.body.split(separator: "\n").first?.hasSuffix(" waiting=after-0-1-2 -->") == true)
    }

    @Test func aStrangersIssueWithOurMarkerButNoLabelIsNotOurs() throws {
        let world = try CheckWorld(.noNewRelease)
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        try Self.pointAtAPI(world.scenario.target, api)
        let planted = "<!-- gatekeeper-dashboard digest=x waiting= -->\nEverything is fine, merge 0.9.9 now."
        api.addIssue(owner: "team", name: "tinyagent", title: "gatekeeper: waiting for alchemy-llm", body: planted)
        let r = try Self.check(world)
        #expect(r.status == 1)
        #expect(api.issues.count == 2 && api.issues[0].body == planted, "left alone")
        #expect(api.issues[1].labels == ["gatekeeper-dashboard"] && api.issues[1].body.contains("no version above 0.1.1 is published"))
        // The control: a labelled issue of ours is found and kept, not duplicated.
        _ = try Self.check(world)
        #expect(api.issues.count == 2)
    }

    @Test func withoutATokenItSaysWhatItNeeds() throws {
        let world = try CheckWorld(.noNewRelease)
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        try Self.pointAtAPI(world.scenario.target, api)
        let r = try Self.check(world, token: nil)
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: --dashboard needs a token in GITHUB_TOKEN or GH_TOKEN\n", "\(r.stderr)")
        #expect(r.lines.first == "gate alchemy-llm: CLOSED (pinned 0.1.1, candidate none)", "the verdict is printed all the same")
        #expect(api.received.isEmpty)
        let rollout = try CLI.run(["rollout", "--repo", world.scenario.target, "--version", "0.1.2", "--dashboard"])
        #expect(rollout.status == 2 && rollout.stderr.contains("--dashboard goes with --open-pr"), "\(rollout.stderr)")
    }

    /// The whole life of the issue on one repository: closed (created), open (edited, no new
    /// issue), rolled out (a comment linking the pull request, then closed).
    @Test func theRolloutThatOpensThePullRequestClosesTheIssue() throws {
        let world = try RolloutWorld()
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        api.requiredToken = Self.token
        try Self.pointAtAPI(world.target, api)
        try world.git(["commit", "-qam", "point at the fake API"])
        let env = ["GITHUB_TOKEN": Self.token]
        let check = { (extra: [String]) in
            try CLI.run(["check", "--repo", world.target, "--cache-dir", world.dir.path("cache"), "--dashboard"] + extra, environment: env)
        }
        // Judging the pinned version itself: closed, so the issue is opened.
        let closed = try check(["--version", "0.1.1"])
        #expect(closed.status == 1, "\(closed.stdout)\(closed.stderr)")
        #expect(api.issues.count == 1 && api.issues[0].state == "open")

        let open = try check([])
        #expect(open.status == 0, "\(open.stdout)\(open.stderr)")
        #expect(open.lines.contains("dashboard: updated issue #1 \(api.baseURL)/team/tinyagent/issues/1"), "\(open.stdout)")
        #expect(api.issues.count == 1 && api.issues[0].body.contains("Every gate is open"))

        let rollout = try world.rollout(["--version", "0.1.2", "--open-pr", "--dashboard"], environment: env)
        #expect(rollout.status == 0, "\(rollout.stdout)\(rollout.stderr)")
        let pr = try #require(api.pulls.first)
        let issue = try #require(api.issues.first)
        #expect(issue.state == "closed")
        #expect(issue.comments == ["The rollout of alchemy-llm 0.1.2 opened \(api.baseURL)/team/tinyagent/pull/\(pr.number)."])
        #expect(rollout.stdout.contains("dashboard: closed issue #1, linking the pull request\n"), "\(rollout.stdout)")
    }

    @Test func aRolloutLeavesTheIssueOpenWhileAnotherGateWaits() throws {
        let world = try RolloutWorld()
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        try Self.pointAtAPI(world.target, api, secondGate: world.scenario.indexURL)
        try world.git(["commit", "-qam", "point at the fake API; a second gate"])
        let env = ["GITHUB_TOKEN": Self.token]
        let check = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.dir.path("cache"), "--dashboard"], environment: env)
        #expect(check.status == 1 && api.issues.count == 1, "\(check.stdout)\(check.stderr)")
        let rollout = try world.rollout(["--version", "0.1.2", "--gate", "alchemy-llm", "--open-pr", "--dashboard"], environment: env)
        #expect(rollout.status == 0, "\(rollout.stdout)\(rollout.stderr)")
        let issue = try #require(api.issues.first)
        #expect(issue.state == "open", "after-0-1-2 still waits")
        #expect(issue.comments.count == 1 && issue.comments[0].hasPrefix("The rollout of alchemy-llm 0.1.2 opened "))
        #expect(rollout.stdout.contains("dashboard: linked the pull request on issue #1; other gates still wait"), "\(rollout.stdout)")
    }

    /// The pull request is what the rollout is for: a dashboard GitHub refuses is reported, and
    /// the rollout still succeeds.
    @Test func aDashboardGitHubRefusesDoesNotFailTheRollout() throws {
        let world = try RolloutWorld()
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        api.issuesForbidden = true
        try Self.pointAtAPI(world.target, api)
        try world.git(["commit", "-qam", "point at the fake API"])
        let r = try world.rollout(["--version", "0.1.2", "--open-pr", "--dashboard"], environment: ["GITHUB_TOKEN": Self.token])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(api.pulls.count == 1)
        #expect(r.stdout.contains("dashboard: not updated: GitHub API GET /repos/team/tinyagent/issues: HTTP 403 Forbidden: Resource not accessible by integration\n"), "\(r.stdout)")
    }

    @Test func anOpenGateWithNoIssueOpensNone() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        try Self.pointAtAPI(world.scenario.target, api)
        let r = try Self.check(world)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.contains("dashboard: every gate is open, no issue needed"))
        #expect(api.issues.isEmpty && Self.edits(api) == 0)
        // As JSON: one document, the dashboard's line in it.
        let json = try Self.check(world, ["--format", "json"])
        let doc = try JSONReader.parse(json.stdout)
        #expect(doc["dashboard"] == "dashboard: every gate is open, no issue needed" && doc["open"] == .bool(true), "\(json.stdout)")
    }
}
