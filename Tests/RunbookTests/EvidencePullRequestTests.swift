import Foundation
import Runbook
import Testing

@Suite struct EvidencePullRequestTests {
    @Test func theTitleLineNamesTheDependencyAndBothVersions() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        #expect(PullRequestBody.title(f.input) == "Bump alchemy-llm from 0.1.1 to 0.1.2")
        #expect(PullRequestBody.render(f.input).hasPrefix("# Bump alchemy-llm from 0.1.1 to 0.1.2\n\n"))
    }

    @Test func whatChangedListsManifestsAndLockfiles() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        let pr = PullRequestBody.render(f.input)
        #expect(pr.contains("- Manifests: `Cargo.toml` (+1 −1), `bindings/alchemy_llm_py/Cargo.toml` (+1 −1)\n"))
        #expect(pr.contains("- Lockfiles: `Cargo.lock` (+2 −2)\n"))
        #expect(pr.contains("- Full diff: [manifests.diff](manifests.diff)\n"))
    }

    @Test func theGateSectionGivesTheVerdictAndEachCriterionsSource() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        let pr = PullRequestBody.render(f.input)
        #expect(pr.contains("**Gate open**. Report: [gate.json](gate.json)."))
        #expect(pr.contains("| provider-raw input/output | pass | commits | `- provider-raw input/output` (commit 4409a50) |"))
        // A pipe in a quoted line must not split the table row.
        #expect(pr.contains("| provider total_tokens support | pass | changelog | `Usage semantics aligned with provider raw tokens \\| total` (CHANGELOG.md:12) |"))
        #expect(pr.contains("Provenance: pass (commit `4409a508150c7628e3b82e3103a7f7dd7f8ccb87`)."))
    }

    @Test func thereIsARowPerQACommandWithExitAndDuration() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        f.input.qa[1].exitCode = nil
        f.input.qa[1].timedOut = true
        let pr = PullRequestBody.render(f.input)
        #expect(pr.contains("| `uv run pytest -q` | pass | 0 | 1.25 s | [qa/01-uv-run-pytest-q.log](qa/01-uv-run-pytest-q.log) |\n"))
        #expect(pr.contains("| `uv run ruff check .` | **timeout** | none | 2.25 s | [qa/02-uv-run-ruff-check.log](qa/02-uv-run-ruff-check.log) |\n"))
        #expect(pr.contains("| Usage contracts | 12 passed, 0 failed |"))
        #expect(pr.contains("| Usage parity | aligned |"))
    }

    @Test func acceptanceCriteriaAreTickedOnlyWhenTheyHoldAndLinkToTheirEvidence() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        let pr = PullRequestBody.render(f.input)
        #expect(pr.contains("- [x] The project depends on the released `alchemy-llm` version containing the usage fix. — [gate.json](gate.json), [manifests.diff](manifests.diff)\n"))
        #expect(pr.contains("- [x] Live captures demonstrate contract integrity end-to-end. — [captures/rust.json](captures/rust.json), [captures/python.json](captures/python.json)\n"))
        #expect(pr.contains("- [ ] Test suite + lint + pre-commit pass. — [qa.json](qa.json)\n"))
    }

    @Test func everyLinkInTheBundlesPRResolvesToAFileOfTheBundle() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        let written = try f.write()
        let pr = try f.text("PR.md")
        let links = markdownLinks(pr)
        #expect(links.count >= 15)
        for link in links {
            #expect(written.contains(link), "PR.md links to \(link)")
            #expect(FileManager.default.fileExists(atPath: f.bundle + "/" + link))
        }
        for name in written where name != "PR.md" {
            #expect(links.contains(name), "PR.md does not link \(name)")
        }
    }

    @Test func backticksInACommandDoNotBreakItsCodeSpan() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        f.input.qa[0].command = "echo `date` | tee x"
        #expect(PullRequestBody.render(f.input).contains("| ``echo `date` \\| tee x`` |"))
    }

    private func markdownLinks(_ text: String) -> [String] {
        var links: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            links.append(String(rest[..<close]))
            rest = rest[close...]
        }
        return links
    }
}
