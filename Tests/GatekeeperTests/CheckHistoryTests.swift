import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage
import Support
@testable import Git

/// A release history built on the spot, served over loopback, checked through the CLI.
final class HistoryWorld {
    let dir: TempDir
    let server: LoopbackHTTPServer
    let history: ReleaseHistory
    var target = ""
    var cache: String { dir.path("cache") }

    init() throws {
        dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("world/registry"), withIntermediateDirectories: true)
        server = try LoopbackHTTPServer(root: dir.path("world/registry"))
        history = try ReleaseHistory(at: dir.path("world"))
    }

    func finish(fix: GitObjectID) throws {
        target = try history.finish(registryURL: server.baseURL, fixCommit: fix).target
    }

    func check(_ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["check", "--repo", target, "--cache-dir", cache] + extra)
    }

    func checkJSON(_ extra: [String] = []) throws -> (CLI.Result, JSONValue) {
        let r = try check(["--format", "json"] + extra)
        return (r, try JSONReader.parse(r.stdout))
    }

    static func criterion(_ doc: JSONValue, _ id: String) -> JSONValue? {
        doc["gates"]?.arrayValue?.first?["criteria"]?.arrayValue?.first { $0["id"]?.stringValue == id }
    }
}

@Suite struct CheckHistoryTests {
    /// The shape of the public alchemy-rs history: the fix commit's body is literal-\n bullets,
    /// CHANGELOG.md arrives after the 0.1.2 bump, 0.1.2 … 0.1.9 follow (0.1.5 yanked), then an
    /// incompatible 0.2.0 whose changelog section was forgotten.
    static func realHistory() throws -> (HistoryWorld, fix: GitObjectID) {
        let world = try HistoryWorld()
        let h = world.history
        try h.initialRelease()
        let fix = try h.fix(ReleaseHistory.literalBodyFixMessage)
        try h.release("0.1.2")
        var changelog = "# Changelog\n\n" + GitFixture.Story.changelog012Section
            + "\n## [0.1.1] - 2026-01-28\n\n### Fixed\n- `openai`: Retry streamed completions on HTTP 429 with backoff\n"
        try h.commit(["CHANGELOG.md": changelog], "docs: add CHANGELOG.md\n")
        for patch in 3...9 {
            let section = "## [0.1.\(patch)] - 2026-03-0\(patch)\n\n### Fixed\n- Retry on HTTP 5xx, attempt \(patch)\n\n"
            changelog = changelog.replacingOccurrences(of: "# Changelog\n\n", with: "# Changelog\n\n" + section)
            try h.release("0.1.\(patch)", changes: ["CHANGELOG.md": changelog], yanked: patch == 5)
        }
        try h.commit(["src/lib.rs": GitFixture.Story.libRs + "\npub type Tokens = u64;\n"], "feat!: token counts as Tokens\n")
        try h.release("0.2.0")
        try world.finish(fix: fix)
        return (world, fix)
    }

    @Test func aNewerIncompatibleReleaseIsReportedAndNotChosen() throws {
        let (world, fix) = try Self.realHistory()
        let r = try world.check()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.lines.first == "gate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.9)")
        #expect(r.lines.contains("  newer, not compatible with 0.1.1: 0.2.0 (use --version 0.2.0)"))
        let (_, doc) = try world.checkJSON()
        let gate = try #require(doc["gates"]?.arrayValue?.first)
        #expect(gate["candidate"] == "0.1.9")
        #expect(gate["latest"] == "0.2.0")
        #expect(gate["first_with_fix"] == nil, "0.1.2 … 0.1.8 were not fetched, so it is not known cheaply")
        // Each criterion quotes its own bullet of the literal-\n body, never the whole blob.
        let quotes = ["total-tokens": "- prefer provider total_tokens when present, else input + output",
                      "cache-fields": "- parse cache_read_input_tokens / cache_creation_input_tokens, falling back to prompt_tokens_details.cached_tokens",
                      "overflow-input-only": "- context overflow check uses input only (no + cache_read)"]
        for (id, quote) in quotes {
            let c = try #require(HistoryWorld.criterion(doc, id))
            #expect(c["evidence"]?.stringValue == quote, "\(id)")
            #expect(c["location"]?.stringValue == "commit \(fix.short)")
        }
        let raw = try #require(HistoryWorld.criterion(doc, "provider-raw"))
        #expect(raw["source"] == "changelog (package)")
        #expect(raw["evidence"] == "- `openai`: Align usage semantics with provider raw tokens")
    }

    @Test func theIncompatibleReleaseIsJudgedWhenAskedForWithEverySectionInRange() throws {
        let (world, _) = try Self.realHistory()
        let (r, doc) = try world.checkJSON(["--version", "0.2.0"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let gate = try #require(doc["gates"]?.arrayValue?.first)
        #expect(gate["candidate"] == "0.2.0")
        let notes = gate["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(notes.contains("changelog: CHANGELOG.md from the package has no 0.2.0 section; sections 0.1.9, 0.1.8, 0.1.7, 0.1.6, 0.1.5, 0.1.4, 0.1.3, 0.1.2 count"), "\(notes)")
        #expect(notes.contains { $0.hasPrefix("0.2.0 is not compatible with 0.1.1") })
        #expect(HistoryWorld.criterion(doc, "provider-raw")?["source"] == "changelog (package)")
        // Asked for the first release: known to carry the fix, and cheap to know.
        let (_, first) = try world.checkJSON(["--version", "0.1.2"])
        #expect(first["gates"]?.arrayValue?.first?["first_with_fix"] == "0.1.2")
    }

    /// The candidate's own section is missing; the release before it wrote everything down.
    @Test func aForgottenSectionLetsTheSectionsBeforeItCount() throws {
        let world = try HistoryWorld()
        let h = world.history
        try h.initialRelease()
        let fix = try h.fix("fix(openai): usage\n")
        try h.release("0.1.2", changes: ["CHANGELOG.md": Self.changelog(total: "- Prefer the provider's `total_tokens` when present")])
        try h.release("0.1.3")
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(doc["gates"]?.arrayValue?.first?["candidate"] == "0.1.3")
        for id in ["provider-raw", "total-tokens", "cache-fields", "overflow-input-only"] {
            #expect(HistoryWorld.criterion(doc, id)?["source"] == "changelog (package)", "\(id)")
        }
    }

    static let honestBullets = """
        - Usage `input`/`output` are now the provider's raw `prompt_tokens`/`completion_tokens`
        - Parse `cache_read_input_tokens` / `cache_creation_input_tokens`
        - The silent overflow check uses `input` only (no `+ cache_read`)
        """

    /// A changelog whose 0.1.2 section states three criteria plainly, plus `total` for the fourth.
    static func changelog(total: String, before: String = "", after: String = "") -> String {
        "# Changelog\n\n\(before)## [0.1.2] - 2026-02-12\n\n### Fixed\n\(honestBullets)\n\(total)\n\(after)\n## [0.1.1] - 2026-01-28\n\n- Initial crates.io release\n"
    }

    /// One release whose changelog is `text`; the fix commit says nothing, so only the text could open it.
    static func craftedRelease(_ text: String) throws -> HistoryWorld {
        let world = try HistoryWorld()
        let h = world.history
        try h.initialRelease()
        let fix = try h.fix("fix(openai): usage\n")
        try h.release("0.1.2", changes: ["CHANGELOG.md": text])
        try world.finish(fix: fix)
        return world
    }

    @Test func theHonestReleaseOpensAndItsNeutralControlIsClosed() throws {
        let honest = try Self.craftedRelease(Self.changelog(total: "- Prefer the provider's `total_tokens` when present"))
        let open = try honest.check()
        #expect(open.status == 0, "\(open.stdout)\(open.stderr)")
        let neutral = try Self.craftedRelease(Self.changelog(total: "- Retry streamed completions on HTTP 5xx"))
        let closed = try neutral.check()
        #expect(closed.status == 1)
        #expect(closed.lines.contains { $0.hasPrefix("  closed: total-tokens: no changelog entry or commit message confirms") })
    }

    /// Each attack alone is text that mentions the fix without delivering it: closed, with the
    /// rejected text shown as a near miss that says why and where.
    @Test(arguments: [
        ("negation", changelog(total: "- Does NOT yet use provider `total_tokens`"), "negated", "CHANGELOG.md:9"),
        ("todo", changelog(total: "- TODO: prefer provider `total_tokens`"), "intent", "CHANGELOG.md:9"),
        ("known issues", changelog(total: "### Known issues\n- Prefer the provider's `total_tokens` when present"), "intent", "CHANGELOG.md:10"),
        ("html comment", changelog(total: "<!-- next release: prefer the provider's `total_tokens` -->"), "comment", "CHANGELOG.md:9"),
        ("other crate", changelog(total: "", before: "## alchemy-core 0.1.2\n\n- Prefer the provider's `total_tokens` when present\n\n"), "other crate", "CHANGELOG.md:5"),
        ("unreleased", changelog(total: "", before: "## [Unreleased]\n\n- Prefer the provider's `total_tokens` when present\n\n"), "unreleased", "CHANGELOG.md:5"),
    ])
    func anAttackInTheChangelogKeepsTheGateClosed(name: String, text: String, why: String, location: String) throws {
        let world = try Self.craftedRelease(text)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1, "\(name): \(r.stdout)")
        let c = try #require(HistoryWorld.criterion(doc, "total-tokens"))
        #expect(c["status"] == "fail", "\(name)")
        let miss = try #require(c["rejected"]?.arrayValue?.first, "\(name)")
        #expect(miss["why"]?.stringValue == why, "\(name)")
        #expect(miss["location"]?.stringValue == location, "\(name)")
        #expect(miss["evidence"]?.stringValue?.contains("total_tokens") == true, "\(name)")
        // The other three are proven by the same section: only the attacked one closes the gate.
        for id in ["provider-raw", "cache-fields", "overflow-input-only"] {
            #expect(HistoryWorld.criterion(doc, id)?["status"] == "pass", "\(name) \(id)")
        }
        let text = try world.check()
        #expect(text.lines.contains { $0.hasPrefix("  near miss total-tokens: \(location) (\(why)") }, "\(name): \(text.stdout)")
    }

    /// Commits that a later commit reverts, or that a merge discarded, prove nothing.
    static func commitHistory(_ shape: String) throws -> HistoryWorld {
        let world = try HistoryWorld()
        let h = world.history
        try h.initialRelease()
        let fixMessage = GitFixture.Story.fixMessage
        var fix: GitObjectID
        switch shape {
        case "ours merge", "real merge":
            let side = try h.sideBranch("usage-fix", [(
                ["src/providers/openai.rs": GitFixture.Story.openaiAfterFix, "tests/usage_semantics.rs": GitFixture.Story.usageTests],
                fixMessage)])
            fix = side[0]
            if shape == "ours merge" {
                try h.mergeKeepingOurs(fix, "Merge branch 'usage-fix' (keeping main's usage mapping)\n")
            } else {
                try h.merge(fix, taking: ["src/providers/openai.rs": GitFixture.Story.openaiAfterFix,
                                          "tests/usage_semantics.rs": GitFixture.Story.usageTests], "Merge branch 'usage-fix'\n")
            }
        default:
            fix = try h.fix(fixMessage)
        }
        if shape == "revert" || shape == "revert of revert" {
            let revert = try h.commit(["src/providers/openai.rs": GitFixture.Story.openaiBeforeFix],
                                      "Revert \"fix(openai): align usage semantics with provider raw tokens\"\n\nThis reverts commit \(fix.hex).\n")
            if shape == "revert of revert" {
                try h.commit(["src/providers/openai.rs": GitFixture.Story.openaiAfterFix],
                             "Revert \"Revert \"fix(openai): align usage semantics with provider raw tokens\"\"\n\nThis reverts commit \(revert.hex).\n")
            }
        }
        try h.release("0.1.2")
        try world.finish(fix: fix)
        return world
    }

    @Test(arguments: [("plain", 0), ("revert", 1), ("revert of revert", 0), ("ours merge", 1), ("real merge", 0)])
    func revertedAndDiscardedCommitsProveNothing(shape: String, status: Int32) throws {
        let world = try Self.commitHistory(shape)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == status, "\(shape): \(r.stdout)\(r.stderr)")
        let c = try #require(HistoryWorld.criterion(doc, "total-tokens"))
        switch shape {
        case "revert":
            #expect(c["rejected"]?.arrayValue?.first?["why"] == "reverted", "\(c)")
        case "ours merge":
            #expect(c["rejected"]?.arrayValue?.first?["why"] == "discarded", "\(c)")
        default:
            #expect(c["status"] == "pass", "\(shape)")
        }
    }

    @Test func aBadChangelogIsAnErrorNamingFileAndLine() throws {
        let twice = try Self.craftedRelease("# Changelog\n\n## [0.1.2]\n- a\n\n## 0.1.2\n- b\n")
        let r = try twice.check()
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: CHANGELOG.md (package):6: a second section for 0.1.2 (the first is at line 3)\n", "\(r.stderr)")
        let broken = try Self.craftedRelease("# Changelog\n\n## [0.1.02] - 2026-02-12\n- a\n")
        let b = try broken.check()
        #expect(b.status == 2)
        #expect(b.stderr.hasPrefix("gatekeeper: error: CHANGELOG.md (package):3: heading names an invalid version"), "\(b.stderr)")
    }

    @Test(arguments: [
        ("\"0.1.1.1\"", "expected MAJOR.MINOR.PATCH"), ("\">=0.1.1 <0.2\"", "expected MAJOR.MINOR.PATCH"),
        ("\"~>0.1\"", "\">0\" is not a number"), ("\"0.01.1\"", "\"01\" has a leading zero"),
    ])
    func aRequirementCargoWouldRejectIsAnErrorNamingFileAndLine(requirement: String, reason: String) throws {
        let dir = try TempDir()
        try dir.write("gatekeeper.toml", "[[gate]]\ndependency = \"alchemy-llm\"\nmanifests = [\"Cargo.toml\"]\nindex = \"file:///nowhere/index/\"\npreset = \"usage-semantics\"\n")
        try dir.write("Cargo.toml", "[package]\nname = \"x\"\nversion = \"0.1.0\"\n\n[dependencies]\nalchemy-llm = \(requirement)\n")
        let r = try CLI.run(["check", "--repo", dir.url.path, "--cache-dir", dir.path("cache")])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "gatekeeper: error: Cargo.toml:6: requirement \(requirement): \(reason)\n", "\(r.stderr)")
    }
}
