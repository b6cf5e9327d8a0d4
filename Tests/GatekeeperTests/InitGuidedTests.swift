import Checks
import DemoWorld
import Foundation
import Runbook
import Testing
import TestSupport

/// `init` finds upstream, fix_commit and [rollout] qa on a repository shaped like the seed's:
/// the seed's PLAN.md (naming the fix as `alchemy-rs` master's short id, here the fixture
/// upstream's), a loopback registry publishing alchemy-llm as cargo packages it from the
/// upstream (its Cargo.toml names the repository https://github.com/alchemiststudiosDOTai/alchemy-rs),
/// and a git config whose `url.<base>.insteadOf` maps that URL to the local upstream, as a
/// mirror would: nothing leaves the machine.
final class InitWorld {
    static let repository = "https://github.com/alchemiststudiosDOTai/alchemy-rs"
    let world: CheckWorld
    var target: String { world.scenario.target }
    var home: String { world.dir.path("home") }

    init(_ variant: UsageFixScenario.Variant = .changelogConfirmsAll, plan: ((String) -> String)? = nil) throws {
        world = try CheckWorld(variant)
        try FileManager.default.removeItem(atPath: target + "/gatekeeper.toml")
        let seed = SeedPlan.text.replacingOccurrences(of: "`4409a50`", with: "`\(world.scenario.story.fix.short)`")
        try (plan?(seed) ?? seed).write(toFile: target + "/PLAN.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "[url \"\(world.scenario.upstream)\"]\n\tinsteadOf = \(Self.repository)\n".write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
    }

    var index: String { world.scenario.indexURL }

    func initialise(_ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["init", "--repo", target, "--cache-dir", world.cache, "--index", index] + extra,
                    environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/.config", "GIT_CONFIG_NOSYSTEM": "1"])
    }

    var configText: String { (try? String(contentsOfFile: target + "/gatekeeper.toml", encoding: .utf8)) ?? "" }
    func config() throws -> GatekeeperConfig { try GatekeeperConfig.parse(configText, file: "gatekeeper.toml") }

    /// The comment line just above `key = …` (uncommented or not).
    func note(above key: String) -> String? {
        let lines = configText.split(separator: "\n").map(String.init)
        guard let k = lines.firstIndex(where: { $0.hasPrefix(key + " ") || $0.hasPrefix("# " + key + " ") }), k > 0 else { return nil }
        return lines[k - 1]
    }
}

@Suite struct InitGuidedTests {
    static let seedQA = ["uv run pytest -q", "uv run pytest -q tests/test_usage_contracts.py -vv",
                         "uv run pylint --disable=all --enable=duplicate-code tinyagent", "uv run pre-commit run --all-files"]

    @Test func onTheSeedShapeItFindsUpstreamFixCommitAndQA() throws {
        let w = try InitWorld()
        let r = try w.initialise()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let gate = try #require(try w.config().gates.first)
        #expect(gate.index == w.index)
        #expect(gate.upstream == InitWorld.repository)
        #expect(gate.fixCommit == w.world.scenario.story.fix.hex, "the plan's short id, resolved to the full one")
        #expect(try w.config().rollout.qa == Self.seedQA)
        // Each value says where it came from.
        #expect(w.note(above: "upstream") == "# upstream: the repository of alchemy-llm 0.1.1's Cargo.toml (the package \(w.index) serves)")
        #expect(w.note(above: "fix_commit") == "# fix_commit: PLAN.md:6 names `\(w.world.scenario.story.fix.short)`, resolved in the upstream")
        #expect(w.note(above: "qa") == "# qa: PLAN.md:98-101, the commands block under 'QA Commands (post-implementation)'")
        #expect(w.note(above: "index") == "# The registry's sparse index (from --index).")
        #expect(r.lines.contains("  upstream: the repository of alchemy-llm 0.1.1's Cargo.toml (the package \(w.index) serves)"))
    }

    @Test func checkRunsAFirstCheckWithTheConfigWritten() throws {
        let open = try InitWorld()
        let r = try open.initialise(["--check"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.lines.contains("gate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.2)"), "\(r.stdout)")
        // The control: nothing newer published, the same init says closed, exit 1.
        let closed = try InitWorld(.noNewRelease)
        let c = try closed.initialise(["--check"])
        #expect(c.status == 1, "\(c.stdout)\(c.stderr)")
        #expect(c.lines.contains("gate alchemy-llm: CLOSED (pinned 0.1.1, candidate none)"), "\(c.stdout)")
        #expect(closed.configText.contains("\nupstream   = "), "the config is written whatever the verdict")
    }

    @Test func offlineTheKeysStayCommentedWithWhy() throws {
        let w = try InitWorld()
        // A registry nobody answers at: connection refused, at once.
        let r = try CLI.run(["init", "--repo", w.target, "--cache-dir", w.world.cache, "--index", "http://127.0.0.1:9/index/"],
                            environment: ["HOME": w.home])
        #expect(r.status == 0, "\(r.stderr)")
        let gate = try #require(try w.config().gates.first)
        #expect(gate.upstream == nil && gate.fixCommit == nil)
        #expect(w.note(above: "upstream")?.hasPrefix("# upstream: not found: could not read alchemy-llm 0.1.1 from the registry: ") == true, "\(w.note(above: "upstream") ?? "")")
        #expect(w.note(above: "fix_commit") == "# fix_commit: not found: PLAN.md:6 names `\(w.world.scenario.story.fix.short)`, but with no upstream it cannot be resolved to a full id")
        #expect(try w.config().rollout.qa == Self.seedQA, "the plan is still read")

        let flagged = try w.initialise(["--force", "--offline"])
        #expect(flagged.status == 0)
        #expect(w.note(above: "upstream") == "# upstream: not found: --offline: the registry was not asked")
        #expect(w.world.server?.requests.isEmpty == true, "--offline asks nothing")
    }

    @Test func aBadIndexIsRefusedBeforeAnythingIsAskedOrWritten() throws {
        let w = try InitWorld()
        for (index, why) in [("ftp://registry.example/", "--index: must be an https://, http:// or file:// URL, got 'ftp://registry.example/'"),
                             ("https://user:secret@registry.example/index/", "--index: the URL carries credentials")] {
            let r = try CLI.run(["init", "--repo", w.target, "--cache-dir", w.world.cache, "--index", index], environment: ["HOME": w.home])
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("gatekeeper: error: \(why)"), "\(r.stderr)")
            #expect(!r.stderr.contains("secret"))
        }
        #expect(!FileManager.default.fileExists(atPath: w.target + "/gatekeeper.toml"))
        // The control: a good one writes it.
        #expect(try w.initialise().status == 0)
    }

    @Test func aCommitThePlanNamesThatTheUpstreamLacksStaysCommented() throws {
        let w = try InitWorld { $0.replacingOccurrences(of: "master (`", with: "master (`0abc1234`, not `") }
        let r = try w.initialise()
        #expect(r.status == 0, "\(r.stderr)")
        // Both named: only the real one resolves, so it is the fix.
        #expect(try w.config().gates.first?.fixCommit == w.world.scenario.story.fix.hex)

        let missing = try InitWorld { $0.replacingOccurrences(of: "`\(try! InitWorld.shortFix($0))`", with: "`0abc1234`") }
        #expect(try missing.initialise().status == 0)
        #expect(try missing.config().gates.first?.fixCommit == nil)
        #expect(missing.note(above: "fix_commit")?.hasPrefix("# fix_commit: not found: PLAN.md:6 `0abc1234`: commit 0abc1234 not found in ") == true, "\(missing.note(above: "fix_commit") ?? "")")
    }

    @Test func twoCommitsOfTheUpstreamAreAmbiguousNotAGuess() throws {
        let w = try InitWorld()
        let plan = w.target + "/PLAN.md"
        let other = w.world.scenario.story.release011.short
        try (try String(contentsOfFile: plan, encoding: .utf8) + "\nAlso see `\(other)` for the release before it.\n")
            .write(toFile: plan, atomically: true, encoding: .utf8)
        let r = try w.initialise()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try w.config().gates.first?.fixCommit == nil)
        #expect(w.note(above: "fix_commit")?.contains("PLAN.md names several commits of the upstream") == true, "\(w.note(above: "fix_commit") ?? "")")
    }

    @Test func aBranchNamedLikeTheIdIsNotFollowed() throws {
        // The plan names an id that is only a branch name in the upstream: object ids only.
        let w = try InitWorld { $0.replacingOccurrences(of: "`\(try! InitWorld.shortFix($0))`", with: "`abcdef0`") }
        let upstream = try TestProcess.run("git", ["-C", w.world.scenario.upstream, "branch", "abcdef0"], mergeErrors: true)
        #expect(upstream.status == 0)
        #expect(try w.initialise().status == 0)
        #expect(try w.config().gates.first?.fixCommit == nil)
    }

    @Test func aHostileRepositoryFieldIsRefusedNotWritten() throws {
        for (field, why) in [("javascript:alert(1)", "not an https, http, git or ssh URL"),
                             ("https://user:ghp_secret@github.com/a/b", "the URL carries credentials"),
                             ("https://github.com/a/b\n[[gate]]\ndependency = \"x\"", "it holds whitespace or control characters")] {
            guard case .failure(let refusal) = UpstreamURL.cloneable(field) else {
                Issue.record("\(field) accepted")
                continue
            }
            #expect(refusal.description == why)
        }
        // The control, and a page under the repository cut back to it.
        #expect(try UpstreamURL.cloneable("https://github.com/alchemiststudiosDOTai/alchemy-rs/tree/main/crates/llm/").get()
                == "https://github.com/alchemiststudiosDOTai/alchemy-rs")
        #expect(try UpstreamURL.cloneable("https://git.example.com/team/alchemy.git").get() == "https://git.example.com/team/alchemy.git")
    }

    /// Whatever a note holds (registry text, an error), the config stays one gate of one-line comments.
    @Test func notesCannotAddKeysToTheConfig() throws {
        let hostile = "x\n[[gate]]\ndependency = \"evil\"\r\nupstream = \"https://evil\"\u{1b}[2J"
        let findings = InitFindings(upstream: .notFound(why: hostile), fixCommit: .found("0123456789abcdef0123456789abcdef01234567", source: hostile),
                                    qa: .found(["echo \"a\"\nrm -rf /"], source: hostile))
        let text = StarterConfig.text(dependency: "alchemy-llm", manifests: ["Cargo.toml"], index: GateConfig.defaultIndex, indexGiven: false, findings: findings)
        // fix_commit without upstream is refused by the reader: give it one to parse.
        let config = try GatekeeperConfig.parse(text.replacingOccurrences(of: "# upstream   = ", with: "upstream   = "), file: "gatekeeper.toml")
        #expect(config.gates.count == 1 && config.gates[0].dependency == "alchemy-llm")
        #expect(config.rollout.qa == ["echo \"a\"\nrm -rf /"], "one command, as written, not two")
        #expect(!text.contains("\u{1b}") && !text.contains("\r"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("dependency") }.count == 1)
    }
}

extension InitWorld {
    /// The short fix id the seed-shaped plan names.
    static func shortFix(_ plan: String) throws -> String {
        guard let match = plan.firstMatch(of: /master \(`([0-9a-f]{7})`\)/) else { throw WorkflowError("no fix id in the plan") }
        return String(match.1)
    }
}
