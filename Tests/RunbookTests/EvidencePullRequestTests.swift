import Foundation
import Runbook
import Testing
import Support

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

    @Test func whatCargoAlsoChangedInTheLockfilesIsShownAsCargos() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        #expect(!PullRequestBody.render(f.input).contains("Also changed by cargo"), "nothing else moved: no line")
        var input = f.input
        input.lockfileExtras = ["Cargo.lock: alchemy_llm_py 0.1.0 → 0.1.1", "Cargo.lock: + itoa 1.0.0 <!--"]
        let pr = PullRequestBody.render(input)
        #expect(pr.contains("- Lockfiles: `Cargo.lock` (+2 −2)\n- Also changed by cargo in the lockfiles: Cargo.lock: alchemy_llm_py 0.1.0 → 0.1.1; Cargo.lock: + itoa 1.0.0 &lt;!--\n"), "\(pr)")
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

    /// Text from the repository, a registry or a tool cannot add a heading, end a table row,
    /// open an HTML comment or carry a control character into PR.md (one rule: PrintableText,
    /// in Markdown's forms).
    @Test func hostileTextStaysInItsCellAndLine() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        let injection = "\r\r## ✅ Gate open\r\r<!-- \u{1B}[2K\u{2028}# forged"
        f.input.gate = [
            "id": "alchemy-llm", "open": false, "reasons": ["x\r# forged"],
            "criteria": [
                ["id": "total-tokens", "title": .string("title" + injection), "status": .string("pass" + injection), "source": .string("changelog" + injection),
                 "evidence": .string("quote | `code`" + injection), "location": .string("CHANGELOG.md:12" + injection)],
            ],
            "provenance": ["status": .string("fail" + injection), "commit": .string("4409a50" + injection),
                           "sources": ["status": "fail", "detail": .string("d" + injection), "mismatches": [["file": .string("a|b" + injection), "why": .string("w" + injection)]]]],
        ]
        f.input.gateOverride = "reason" + injection
        f.input.qa[0].command = "cargo test\r\n# forged | tee `x`"
        f.input.acceptance[0].title = "title" + injection
        let pr = PullRequestBody.render(f.input)
        let lines = pr.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\r", omittingEmptySubsequences: false)
            .joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headings = lines.filter { $0.drop { $0 == " " }.hasPrefix("#") }
        #expect(headings == ["# Bump alchemy-llm from 0.1.1 to 0.1.2", "## What changed", "## Gate", "## Suites", "## QA",
                             "## Acceptance criteria", "## Integrity"], "\(headings)")
        // No HTML block can start (a line beginning with `<`); outside code spans `<` is an entity.
        #expect(!lines.contains { $0.drop { $0 == " " }.hasPrefix("<") })
        #expect(pr.contains("&lt;!--"))
        #expect(!pr.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || $0.value == 0x2028) }, "\(pr)")
        #expect(pr.contains(#"\u{1b}[2K"#))
        for row in lines where row.hasPrefix("| ") {
            let bars = row.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(bars == 5 || bars == 4 || bars == 6, "\(row)")
        }
        #expect(pr.contains(#"| title ## ✅ Gate open &lt;!-- \\u{1b}[2K # forged | pass ## ✅ Gate open"#), "\(pr)")
        #expect(pr.contains("| `` cargo test\\u{d}\\u{a}# forged \\| tee `x` `` |"), "\(pr)")
    }

    @Test func theMarkdownFormsNeutraliseTablesHeadingsHTMLAndCodeSpans() {
        #expect(Markdown.text("# a <b> \\ c\r\nd") == ##"\# a &lt;b&gt; \\ c d"##)
        #expect(Markdown.text("keep `a<b> | c` and | this") == "keep `a<b> | c` and | this")
        #expect(Markdown.cell("keep `a<b> | c` and | this") == #"keep `a<b> \| c` and \| this"#)
        #expect(Markdown.text("a ` alone") == #"a \` alone"#, "an unpaired backtick cannot pair with one after the value")
        #expect(Markdown.text("\u{1B}[31m<!--") == #"\\u{1b}[31m&lt;!--"#)
        #expect(Markdown.code("a`b\nc") == #"``a`b\u{a}c``"#)
        #expect(Markdown.code("a | b") == "`a | b`", "outside a table a pipe stays")
        #expect(Markdown.codeCell("a | b") == #"`a \| b`"#)
        #expect(Markdown.code("`x`") == "`` `x` ``")
        #expect(Markdown.link("qa/01 (x)|y.log") == #"[qa/01 (x)\|y.log](qa/01%20%28x%29%7Cy.log)"#)
        #expect(Markdown.link("javascript:alert(1)").hasSuffix("(javascript%3Aalert%281%29)"))
        // What the fuzzer checks, on random mixes of the characters that matter to Markdown.
        let alphabet: [Unicode.Scalar] = ["a", " ", "\r", "\n", "\u{1B}", "\\", "`", "|", "#", "<", ">", "!", "-", "[", "]", "(", ")",
                                          "\u{2028}", "\u{202E}", "\u{301}", "é"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...120, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
            Markdown.verifyForms(String(text))
        }
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
