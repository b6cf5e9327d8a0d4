import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage
import Support
@testable import Cargo

/// A scenario served over loopback HTTP (or file://), plus a private cache folder.
final class CheckWorld {
    let dir: TempDir
    let server: LoopbackHTTPServer?
    let scenario: UsageFixScenario
    var cache: String { dir.path("cache") }

    init(_ variant: UsageFixScenario.Variant, overHTTP: Bool = true) throws {
        dir = try TempDir()
        let registry = dir.path("world/registry")
        try FileManager.default.createDirectory(atPath: registry, withIntermediateDirectories: true)
        server = overHTTP ? try LoopbackHTTPServer(root: registry) : nil
        scenario = try UsageFixScenario.make(at: dir.path("world"), variant: variant, registryURL: server?.baseURL)
    }

    var indexPath: String { "/index/al/ch/alchemy-llm" }

    func check(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["check", "--repo", scenario.target, "--cache-dir", cache] + extra, environment: environment)
    }

    func checkJSON(_ extra: [String] = []) throws -> (CLI.Result, JSONValue) {
        let r = try check(["--format", "json"] + extra)
        return (r, try JSONReader.parse(r.stdout))
    }
}

@Suite struct CheckCommandTests {
    @Test func noNewReleaseIsClosedWithTheReason() throws {
        let world = try CheckWorld(.noNewRelease)
        let r = try world.check()
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.lines.first == "gate alchemy-llm: CLOSED (pinned 0.1.1, candidate none)")
        #expect(r.lines.contains("  closed: no version above 0.1.1 is published"))
    }

    @Test func aChangelogThatConfirmsEverythingOpensTheGate() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(doc["open"] == .bool(true))
        let gate = try #require(doc["gates"]?.arrayValue?.first)
        #expect(gate["current"] == "0.1.1")
        #expect(gate["candidate"] == "0.1.2")
        let criteria = gate["criteria"]?.arrayValue ?? []
        #expect(criteria.compactMap { $0["id"]?.stringValue } == ["provider-raw", "total-tokens", "cache-fields", "overflow-input-only"])
        #expect(criteria.allSatisfy { $0["status"] == "pass" && $0["source"] == "changelog (package)" })
        #expect(criteria.compactMap { $0["location"]?.stringValue } == ["CHANGELOG.md:6", "CHANGELOG.md:7", "CHANGELOG.md:8", "CHANGELOG.md:9"])
        #expect(gate["provenance"]?["status"] == "pass")
        #expect(gate["provenance"]?["commit"]?.stringValue == world.scenario.releaseCommits["0.1.2"]?.hex)
        // The package is what cargo publishes from that commit, and the fix's changes are in it.
        #expect(gate["provenance"]?["sources"]?["status"] == "pass")
        #expect(gate["provenance"]?["sources"]?["mismatches"] == [])
        #expect(gate["provenance"]?["fix_in_package"]?["status"] == "pass")
    }

    @Test func aTerseChangelogWithConfirmingCommitsOpensAndSaysWhichSourceSaidWhat() throws {
        let world = try CheckWorld(.terseChangelogCommitsConfirm)
        let r = try world.check()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.lines.first == "gate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.2)")
        let fix = world.scenario.story.fix.short
        let row = { (id: String) in r.lines.first { $0.hasPrefix("  \(id) ") } ?? "" }
        #expect(row("provider-raw").contains("changelog (upstream default branch)"))
        #expect(row("provider-raw").contains("CHANGELOG.md:"))
        for id in ["total-tokens", "cache-fields", "overflow-input-only"] {
            #expect(row(id).contains("commits 0.1.1..0.1.2"), "\(row(id))")
            #expect(row(id).contains("commit \(fix): "), "\(row(id))")
        }
        #expect(row("provenance").contains("descends from the fix \(fix)"))
    }

    @Test func aRequestedVersionIsJudgedAsAsked() throws {
        let world = try CheckWorld(.terseChangelogCommitsConfirm)
        let (r, doc) = try world.checkJSON(["--version", "0.1.2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(doc["gates"]?.arrayValue?.first?["candidate"] == "0.1.2")
        let older = try world.check(["--version", "0.1.0"])
        #expect(older.status == 1)
        #expect(older.stdout.contains("closed: 0.1.0 is not above the pinned 0.1.1"))
        let bad = try world.check(["--version", "zero"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'--version <version>': \"zero\" is not a SemVer version"), "\(bad.stderr)")
    }

    @Test func aReleaseBuiltBeforeTheFixIsClosedByProvenance() throws {
        let world = try CheckWorld(.builtBeforeFix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1)
        let gate = try #require(doc["gates"]?.arrayValue?.first)
        #expect(gate["criteria"]?.arrayValue?.allSatisfy { $0["status"] == "pass" } == true, "the changelog claims everything")
        #expect(gate["provenance"]?["status"] == "fail")
        let reasons = gate["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let beforeFix = try #require(world.scenario.beforeFix)
        #expect(reasons == ["provenance: 0.1.2 was built from \(beforeFix.short), which does not contain the fix \(world.scenario.story.fix.short)",
                            "provenance: the fix's change to src/providers/openai.rs:6 is not in the package (the lines it replaced are back)"])
        // Its files are its commit's (the label is honest), so only the history and the bytes of the fix close it.
        #expect(gate["provenance"]?["sources"]?["status"] == "pass")
        #expect(gate["provenance"]?["fix_in_package"]?["status"] == "fail")
    }

    @Test func onlyAYankedCandidateIsClosed() throws {
        let world = try CheckWorld(.onlyYanked)
        let r = try world.check()
        #expect(r.status == 1)
        #expect(r.lines.contains("  closed: only yanked versions above 0.1.1: 0.1.2 (yanked)"))
    }

    @Test func aChecksumMismatchIsAnErrorAndNeverOpens() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let crate = world.scenario.registry + "/crates/alchemy-llm/alchemy-llm-0.1.2.crate"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: crate)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: crate))
        let r = try world.check()
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("gatekeeper: error: alchemy-llm-0.1.2.crate: checksum mismatch: the index says "))
        #expect(!FileManager.default.fileExists(atPath: world.cache + "/packages/alchemy-llm"), "a corrupt package is never cached")
    }

    @Test func aSecondRunAsksOnceAndIsAnsweredNotModified() throws {
        let world = try CheckWorld(.terseChangelogCommitsConfirm)
        #expect(try world.check().status == 0)
        let server = try #require(world.server)
        server.resetLog()
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0)
        #expect(server.requests.map(\.path) == [world.indexPath])
        #expect(doc["requests"]?["total"] == 1)
        #expect(doc["requests"]?["not_modified"] == 1)
        #expect(server.requests.first?.headers["if-none-match"] != nil)
    }

    @Test func aServerErrorIsRetried() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let server = try #require(world.server)
        server.inject(.status(500), path: world.indexPath)
        let r = try world.check()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(server.requestCount(path: world.indexPath) == 2)
    }

    @Test func tooManyRequestsWaitsForRetryAfter() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let server = try #require(world.server)
        server.inject(.status(429, headers: ["Retry-After": "1"]), path: world.indexPath)
        let start = Date()
        let r = try world.check()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Date().timeIntervalSince(start) >= 0.9)
        #expect(server.requestCount(path: world.indexPath) == 2)
    }

    @Test func aMalformedIndexLineIsAnErrorNamingIt() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let index = world.scenario.registry + world.indexPath
        try (try String(contentsOfFile: index, encoding: .utf8) + "{\"name\": \"alchemy-llm\", \"vers\": 3}\n")
            .write(toFile: index, atomically: true, encoding: .utf8)
        let r = try world.check()
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: \(world.server!.baseURL)\(world.indexPath):4: \"vers\" must be a string\n")
    }

    @Test func updatePlanTicksExactlyTheProvenBoxes() throws {
        let world = try CheckWorld(.builtBeforeFix)
        let plan = world.scenario.target + "/PLAN.md"
        let before = try String(contentsOfFile: plan, encoding: .utf8)
        let r = try world.check(["--update-plan"])
        #expect(r.status == 1, "the gate is closed by provenance, yet what was proven is ticked")
        let after = try String(contentsOfFile: plan, encoding: .utf8)
        let changed = zip(before.split(separator: "\n", omittingEmptySubsequences: false), after.split(separator: "\n", omittingEmptySubsequences: false))
            .filter { $0.0 != $0.1 }
        #expect(changed.map { String($0.1) } == [
            "- [x] New `alchemy-llm` crate version is published. <!-- gate:published -->",
            "- [x] Release notes/changelog confirm the usage fix includes: <!-- gate:provider-raw gate:total-tokens gate:cache-fields gate:overflow-input-only -->",
            "  - [x] provider-raw `input/output` <!-- gate:provider-raw -->",
            "  - [x] provider `total_tokens` support <!-- gate:total-tokens -->",
            "  - [x] cache read/write field parsing <!-- gate:cache-fields -->",
            "  - [x] overflow check update (`input` only, no `+ cache_read`) <!-- gate:overflow-input-only -->",
            "1. [x] Confirm crate release is live. <!-- gate:published -->",
        ])
        #expect(after.utf8.count == before.utf8.count, "only the box bytes change")
        #expect(r.stdout.contains("PLAN.md: ticked lines 12, 13, 14, 15, 16, 17, 45"))
    }

    @Test func aFileRegistryWorksLikeAnHTTPOne() throws {
        let world = try CheckWorld(.terseChangelogCommitsConfirm, overHTTP: false)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(doc["gates"]?.arrayValue?.first?["candidate"] == "0.1.2")
    }

    @Test func githubOutputsAndStepSummary() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let out = world.dir.path("gh-output"), summary = world.dir.path("gh-summary")
        let r = try world.check(environment: ["GITHUB_OUTPUT": out, "GITHUB_STEP_SUMMARY": summary])
        #expect(r.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "open=true\nversion=0.1.2\nlatest=0.1.2\n")
        let md = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(md.contains("| criterion | status | source | evidence |"))
        #expect(md.contains("| provider-raw input/output | ✅ pass | changelog (package) |"))
    }

    @Test func badConfigAndUnreachableUpstreamAreErrors() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let config = world.scenario.target + "/gatekeeper.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "preset     = \"usage-semantics\"\n", with: "preset     = \"usage-semantics\"\ncolour = \"red\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let bad = try world.check()
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("gatekeeper.toml:9: unknown key \"gate[0].colour\""), "\(bad.stderr)")

        try text.replacingOccurrences(of: world.scenario.upstream, with: "/nonexistent/upstream")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let unreachable = try world.check()
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.hasPrefix("gatekeeper: error: upstream /nonexistent/upstream: "))
    }

    @Test func serverErrorsAfterEveryRetryAreAnErrorNamingTheURL() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let server = try #require(world.server)
        server.inject(.status(503), path: world.indexPath, times: 10)
        let r = try world.check()
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("gatekeeper: error: \(server.baseURL)\(world.indexPath): HTTP 503"), "\(r.stderr)")
        #expect(r.stderr.contains("after 5 attempts"), "\(r.stderr)")
    }

    @Test func aConfigJSONWithoutDownloadTemplateIsAnError() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        try #"{"api": null}"#.write(toFile: world.scenario.registry + "/index/config.json", atomically: true, encoding: .utf8)
        let r = try world.check()
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: \(world.scenario.indexURL)config.json: no \"dl\" key: the registry does not say where packages download from\n")
    }

    @Test func aMinimumReleaseAgeKeepsTheGateClosedUntilItPasses() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let config = world.scenario.target + "/gatekeeper.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "preset     = \"usage-semantics\"\n", with: "preset     = \"usage-semantics\"\nmin_release_age = \"100000d\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let r = try world.check()
        #expect(r.status == 1)
        #expect(r.stdout.contains("closed: 0.1.2 was published "), "\(r.stdout)")
        #expect(r.stdout.contains("min_release_age is 100000d"))
    }
}
