import Checks
import DemoWorld
import Foundation
import Testing
import Usage
import Support

/// A repository shaped like the seed's: its PLAN.md verbatim, two manifests declaring
/// alchemy-llm, and a vendored and a built manifest that must not count.
final class InitRepo {
    let dir: TempDir
    var root: String { dir.url.path }

    init(plan: String? = SeedPlan.text, rootManifest: String = TargetRepository.rootManifest) throws {
        dir = try TempDir()
        if let plan { try dir.write("PLAN.md", plan) }
        try dir.write("Cargo.toml", rootManifest)
        try dir.write("bindings/alchemy_llm_py/Cargo.toml", TargetRepository.bindingsManifest)
        try dir.write("vendor/other/Cargo.toml", "[package]\nname = \"other\"\n[dependencies]\nalchemy-llm = \"0.1.0\"\n")
        try dir.write("target/package/Cargo.toml", "[dependencies]\nalchemy-llm = \"0.1.0\"\n")
    }

    /// Offline: these tests are about the scan and the plan (InitGuidedTests asks a registry).
    func run(_ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["init", "--repo", root, "--offline"] + extra)
    }

    func changedLines(from before: String) throws -> [String] {
        let after = try dir.read("PLAN.md")
        let old = before.split(separator: "\n", omittingEmptySubsequences: false)
        let new = after.split(separator: "\n", omittingEmptySubsequences: false)
        guard old.count == new.count else { return ["line count changed: \(old.count) -> \(new.count)"] }
        return zip(old, new).filter { $0.0 != $0.1 }.map { String($0.1) }
    }
}

@Suite struct InitCommandTests {
    static let seedMarkedLines = [
        "- [ ] New `alchemy-llm` crate version is published to crates.io. <!-- gate:published -->",
        "- [ ] Release notes/changelog confirm the usage fix includes: <!-- gate:provider-raw gate:total-tokens gate:cache-fields gate:overflow-input-only -->",
        "- [ ] Bump `alchemy-llm` from `0.1.1` to `NEW_VERSION` (published version). <!-- step:bump -->",
        "- [ ] Refresh lockfile. <!-- step:bump -->",
        "- [ ] Diff usage semantics and verify expected parity. <!-- step:parity -->",
        "1. [ ] Confirm crate release is live. <!-- gate:published -->",
        "2. [ ] Create branch for rollout. <!-- step:branch -->",
        "3. [ ] Bump Rust dependencies + lockfile. <!-- step:bump -->",
        "6. [ ] Run full QA suite. <!-- step:qa -->",
        "7. [ ] Run live parity captures. <!-- step:captures step:parity -->",
        "9. [ ] Open PR with evidence artifacts in `data/`. <!-- step:evidence -->",
        "- [ ] tinyAgent depends on released `alchemy-llm` version containing usage fix. <!-- accept:released-version -->",
        "- [ ] Rust and Python usage semantics are aligned (provider-raw). <!-- accept:semantics-aligned -->",
        "- [ ] `output` excludes reasoning-token double-counting. <!-- accept:reasoning-not-in-output -->",
        "- [ ] `total_tokens` preserves provider value when present. <!-- accept:total-tokens-preserved -->",
        "- [ ] Cache read/write fields are correctly populated when provider reports them. <!-- accept:cache-fields -->",
        "- [ ] Test suite + lint + pre-commit pass. <!-- accept:suites-pass -->",
        "- [ ] Live captures demonstrate contract integrity end-to-end. <!-- accept:captures-prove-contract -->",
    ]

    @Test func initOnTheSeedWritesAConfigThatParsesAndMarksExactlyTheRecognisedLines() throws {
        let repo = try InitRepo()
        let r = try repo.run()
        #expect(r.status == 0, "\(r.stderr)")
        let config = try GatekeeperConfig.parse(try repo.dir.read("gatekeeper.toml"), file: "gatekeeper.toml")
        let gate = try #require(config.gates.first)
        #expect(gate.dependency == "alchemy-llm")
        #expect(gate.manifests == ["Cargo.toml", "bindings/alchemy_llm_py/Cargo.toml"])
        #expect(gate.index == "https://index.crates.io/")
        #expect(gate.preset == "usage-semantics")
        #expect(gate.upstream == nil && gate.fixCommit == nil && gate.minReleaseAge == nil)
        var rollout = RolloutConfig()
        rollout.qa = InitGuidedTests.seedQA  // the plan's QA block, read offline too
        #expect(config.rollout == rollout)
        #expect(try repo.changedLines(from: SeedPlan.text) == Self.seedMarkedLines)
        #expect(r.lines.first == "wrote \(repo.root)/gatekeeper.toml: gate on alchemy-llm (Cargo.toml, bindings/alchemy_llm_py/Cargo.toml)")
        #expect(r.lines.contains("PLAN.md: marked 18 lines"))
        #expect(r.lines.contains("  line 12: gate:published"))
    }

    @Test func theCommentedRolloutSectionIsTheDefaultsAndParsesWhenUncommented() throws {
        let repo = try InitRepo()
        #expect(try repo.run().status == 0)
        let text = try repo.dir.read("gatekeeper.toml")
        #expect(text.contains("# upstream   = "))
        #expect(text.contains("# fix_commit = "))
        #expect(text.contains("# min_release_age = \"48h\""))
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("# branch") || line.hasPrefix("# evidence_dir") || line.hasPrefix("# plan")
                || line.hasPrefix("# qa_timeout") || line.hasPrefix("# lockfile") || line.hasPrefix("# [rollout.captures]")
                || line.hasPrefix("# rust") || line.hasPrefix("# python") || line.hasPrefix("# upstream ") || line.hasPrefix("# fix_commit ")
                || line.hasPrefix("# min_release_age") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        let config = try GatekeeperConfig.parse(uncommented, file: "gatekeeper.toml")
        #expect(config.rollout.branch == RolloutConfig().branch)
        #expect(config.rollout.lockfile == RolloutConfig().lockfile)
        #expect(config.rollout.captures.map(\.name) == ["rust", "python"])
        #expect(config.gates.first?.minReleaseAge?.seconds == 48 * 3600)
    }

    @Test func anExistingConfigIsNeverOverwrittenWithoutForce() throws {
        let repo = try InitRepo()
        try repo.dir.write("gatekeeper.toml", "# ours\n")
        let r = try repo.run()
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: \(repo.root)/gatekeeper.toml: already exists; pass --force to overwrite it\n")
        #expect(try repo.dir.read("gatekeeper.toml") == "# ours\n")
        #expect(try repo.dir.read("PLAN.md") == SeedPlan.text, "nothing is half-done")

        let forced = try repo.run(["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try GatekeeperConfig.parse(try repo.dir.read("gatekeeper.toml"), file: "gatekeeper.toml").gates.first?.dependency == "alchemy-llm")
    }

    @Test func aSecondRunWithForceMarksNothingMore() throws {
        let repo = try InitRepo()
        #expect(try repo.run().status == 0)
        let marked = try repo.dir.read("PLAN.md")
        let again = try repo.run(["--force"])
        #expect(again.status == 0)
        #expect(try repo.dir.read("PLAN.md") == marked)
        #expect(again.lines.contains("PLAN.md: no unmarked line it recognises"))
    }

    @Test func anAmbiguousDependencyIsAnErrorListingTheCandidates() throws {
        let manifest = TargetRepository.rootManifest + "serde = \"1\"\n"
        let repo = try InitRepo(plan: SeedPlan.text + "\nAlso wait for `serde`.\n", rootManifest: manifest)
        let r = try repo.run()
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: PLAN.md names several crates the manifests declare (alchemy-llm, serde); pass --dependency NAME\n")
        #expect(!FileManager.default.fileExists(atPath: repo.dir.path("gatekeeper.toml")))

        let chosen = try repo.run(["--dependency", "serde"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        let gate = try GatekeeperConfig.parse(try repo.dir.read("gatekeeper.toml"), file: "gatekeeper.toml").gates.first
        #expect(gate?.dependency == "serde")
        #expect(gate?.manifests == ["Cargo.toml"])
    }

    @Test func anAbsentDependencyIsAnErrorSayingWhatToPass() throws {
        let repo = try InitRepo(plan: "# Plan\n- [ ] Nothing named here.\n")
        let r = try repo.run()
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: cannot tell which dependency to gate: PLAN.md names no crate (in backticks) that the manifests declare; pass --dependency NAME\n")

        let named = try repo.run(["--dependency", "tokio"])
        #expect(named.status == 2)
        #expect(named.stderr == "gatekeeper: error: no Cargo manifest under the repository declares tokio (read: Cargo.toml, bindings/alchemy_llm_py/Cargo.toml)\n")
        #expect(!FileManager.default.fileExists(atPath: repo.dir.path("gatekeeper.toml")))
    }

    @Test func jsonSaysWhatWasWrittenAndMarked() throws {
        let repo = try InitRepo()
        let r = try repo.run(["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONReader.parse(r.stdout)
        #expect(doc["dependency"] == "alchemy-llm")
        #expect(doc["manifests"]?.arrayValue?.compactMap(\.stringValue) == ["Cargo.toml", "bindings/alchemy_llm_py/Cargo.toml"])
        #expect(doc["marked"]?.arrayValue?.count == Self.seedMarkedLines.count)
        #expect(doc["marked"]?.arrayValue?.first?["markers"]?.arrayValue?.first == "gate:published")
    }

    @Test func aBrokenManifestIsAnErrorNamingIt() throws {
        let repo = try InitRepo(rootManifest: "[dependencies\n")
        let r = try repo.run()
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("gatekeeper: error: Cargo.toml:1: "), "\(r.stderr)")
    }
}
