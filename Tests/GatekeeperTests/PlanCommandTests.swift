import Checks
import DemoWorld
import Foundation
import Testing
import Usage
import Support

@Suite struct PlanCommandTests {
    func plan(_ world: CheckWorld, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["plan", "--repo", world.scenario.target, "--cache-dir", world.cache] + extra)
    }

    /// The detail line under the box whose text starts with `text`.
    func detail(_ r: CLI.Result, under text: String) -> String? {
        guard let k = r.lines.firstIndex(where: { $0.hasPrefix("  [ ] \(text)") || $0.hasPrefix("  [x] \(text)") }),
              k + 1 < r.lines.count else { return nil }
        return r.lines[k + 1].trimmingCharacters(in: .whitespaces)
    }

    @Test func listsEveryBoxUnderItsHeadingWithStateAndMarkers() throws {
        let world = try CheckWorld(.noNewRelease)
        let r = try plan(world)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.first == "## Hard Gate (must be true before any code changes)")
        #expect(r.lines[1] == "  [ ] New `alchemy-llm` crate version is published.  <!-- gate:published -->")
        #expect(r.lines[2] == "        gatekeeper check proves it (plan --check says whether it can now)")
        #expect(r.lines.contains("### 2) Contract and regression tests"))
        #expect(r.lines.contains("  [ ] Add case where provider sends `total_tokens` and confirm we preserve it."))
        #expect(detail(r, under: "Create branch for rollout.") == "rollout step: branch")
        #expect(detail(r, under: "Refresh lockfile.") == "rollout step: bump manifests + refresh lockfiles")
        #expect(detail(r, under: "Test suite + lint + pre-commit pass.")?.hasPrefix("rollout evidence: acceptance criterion suites-pass") == true)
        #expect(!r.lines.contains { $0.hasPrefix("## Status") }, "headings without boxes are left out")
        #expect(r.lines.last == "PLAN.md: 28 boxes, 0 ticked, 25 with markers")
    }

    @Test func aTickedBoxShowsTicked() throws {
        let world = try CheckWorld(.noNewRelease)
        let path = world.scenario.target + "/PLAN.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "2. [ ] Create branch", with: "2. [x] Create branch").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try plan(world)
        #expect(r.lines.contains("  [x] Create branch for rollout.  <!-- step:branch -->"))
        #expect(r.lines.last == "PLAN.md: 28 boxes, 1 ticked, 25 with markers")
    }

    @Test func checkSaysTheGateBoxesAreProvableNowWhenTheChangelogConfirmsAll() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let r = try plan(world, ["--check"])
        #expect(r.status == 0, "\(r.stderr)")
        for box in ["New `alchemy-llm` crate version is published.", "Release notes/changelog confirm", "provider-raw `input/output`",
                    "overflow check update", "The release was built from the fix commit", "Confirm crate release is live."] {
            #expect(detail(r, under: box) == "provable now", "\(box)")
        }
        #expect(detail(r, under: "Run full QA suite.") == "rollout step: QA")
        #expect(r.lines.last == "PLAN.md: 28 boxes, 0 ticked, 25 with markers, 8 unticked provable now")
    }

    @Test func checkSaysProvenanceIsNotYetWithTheReason() throws {
        let world = try CheckWorld(.builtBeforeFix)
        let r = try plan(world, ["--check"])
        #expect(r.status == 0, "plan reports; it does not judge: \(r.stderr)")
        let story = world.scenario.story
        #expect(detail(r, under: "The release was built from the fix commit")
            == "not yet: provenance: 0.1.2 was built from \(try #require(world.scenario.beforeFix).short), which does not contain the fix \(story.fix.short)")
        #expect(detail(r, under: "New `alchemy-llm` crate version is published.") == "provable now")
    }

    @Test func checkWithNoReleaseSaysWhyEachGateBoxWaits() throws {
        let world = try CheckWorld(.noNewRelease)
        let r = try plan(world, ["--check"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(detail(r, under: "New `alchemy-llm` crate version is published.") == "not yet: no version above 0.1.1 is published")
    }

    @Test func jsonIsOneDocumentWithEachMarkersProof() throws {
        let world = try CheckWorld(.builtBeforeFix)
        let r = try plan(world, ["--check", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONReader.parse(r.stdout)
        #expect(doc["plan"] == "PLAN.md")
        #expect(doc["checked"] == .bool(true))
        let boxes = doc["sections"]?.arrayValue?.flatMap { $0["boxes"]?.arrayValue ?? [] } ?? []
        #expect(boxes.count == 28)
        let provenance = try #require(boxes.first { ($0["text"]?.stringValue ?? "").hasPrefix("The release was built") })
        #expect(provenance["provable_now"] == .bool(false))
        #expect(provenance["markers"]?.arrayValue?.first?["marker"] == "gate:provenance")
        #expect(provenance["markers"]?.arrayValue?.first?["reason"]?.stringValue?.hasPrefix("provenance: 0.1.2 was built from") == true)
        let branch = try #require(boxes.first { $0["text"] == "Create branch for rollout." })
        #expect(branch["markers"]?.arrayValue?.first?["proven_by"] == "rollout step: branch")
        #expect(branch["provable_now"] == .null)
    }

    @Test func aMissingPlanIsOneLineNamingIt() throws {
        let world = try CheckWorld(.noNewRelease)
        try FileManager.default.removeItem(atPath: world.scenario.target + "/PLAN.md")
        let r = try plan(world)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "gatekeeper: error: \(world.scenario.target)/PLAN.md: no such file ([rollout] plan)\n")
    }

    @Test func withoutAConfigThePlanIsStillListed() throws {
        let dir = try TempDir()
        try dir.write("PLAN.md", "# Plan\n- [ ] Run full QA suite. <!-- step:qa -->\n")
        let r = try CLI.run(["plan", "--repo", dir.url.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines == ["# Plan", "  [ ] Run full QA suite.  <!-- step:qa -->", "        rollout step: QA", "PLAN.md: 1 box, 0 ticked, 1 with markers"])
        let checked = try CLI.run(["plan", "--repo", dir.url.path, "--check"])
        #expect(checked.status == 2)
        #expect(checked.stderr.hasPrefix("gatekeeper: error: \(dir.url.path)/gatekeeper.toml: no such file"))
    }
}
