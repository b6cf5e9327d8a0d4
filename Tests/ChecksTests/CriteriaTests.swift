import Checks
import Testing
@testable import Cargo

@Suite struct CriteriaPresetTests {
    func verdicts(_ lines: [String]) throws -> [String: Bool] {
        let units = lines.enumerated().map { EvidenceUnit(kind: .changelog, source: "changelog (package)", text: $0.element, location: "CHANGELOG.md:\($0.offset + 1)") }
        let results = try CriteriaEvaluator.evaluate(CriteriaPresets.usageSemantics, evidence: units)
        return Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0.passed) })
    }

    @Test func theRealTerseChangelogProvesOnlyProviderRaw() throws {
        let v = try verdicts(["- `openai`: Align usage semantics with provider raw tokens",
                              "- `examples/simple_chat.rs` - Basic chat example using GPT-4o-mini"])
        #expect(v == ["provider-raw": true, "total-tokens": false, "cache-fields": false, "overflow-input-only": false])
    }

    @Test func theFixCommitMessageProvesAllFour() throws {
        let v = try verdicts([
            "fix(openai): align usage semantics with provider raw tokens",
            "- usage.input = prompt_tokens and usage.output = completion_tokens (provider-raw; reasoning tokens are not added)",
            "- prefer provider total_tokens when present, else input + output",
            "- parse cache_read_input_tokens / cache_creation_input_tokens, falling back to prompt_tokens_details.cached_tokens",
            "- context overflow check uses input only (no + cache_read)",
        ])
        #expect(v.values.allSatisfy { $0 }, "\(v)")
    }

    @Test(arguments: [
        ("provider-raw", "Usage: `input` maps to `prompt_tokens`, `output` to `completion_tokens`"),
        ("provider-raw", "* Report provider-raw usage"),
        ("total-tokens", "- Preserve `total_tokens` from the provider response"),
        ("total-tokens", "- Support provider total tokens"),
        ("total-tokens", "- use total_tokens if present"),
        ("cache-fields", "- Parse cache read/write fields"),
        ("cache-fields", "- Populate cache_write from prompt_tokens_details.cache_write_tokens"),
        ("cache-fields", "- Read `cache_creation_input_tokens`"),
        ("overflow-input-only", "- Silent overflow detection now uses `input` only"),
        ("overflow-input-only", "- overflow check no longer adds cache_read to input"),
        ("overflow-input-only", "- Context overflow: compare input only against the window, without cache reads"),
    ])
    func waysMaintainersWriteIt(criterion: String, line: String) throws {
        #expect(try verdicts([line])[criterion] == true, "\(line)")
    }

    @Test(arguments: [
        "- Bump tokio to 1.38",
        "- Fix input handling for empty prompts",
        "- Add total cost display",
        "- Cache the HTTP client between calls",
        "- Fix integer overflow in the retry counter",
        "- Update README",
    ])
    func unrelatedLinesProveNothing(line: String) throws {
        #expect(try verdicts([line]).values.allSatisfy { !$0 }, "\(line)")
    }

    @Test func changelogWinsOverCommitsAndTheSourceIsRecorded() throws {
        let units = [
            EvidenceUnit(kind: .commits, source: "commits 0.1.1..0.1.2", text: "align usage with provider raw tokens", location: "commit 4409a50"),
            EvidenceUnit(kind: .changelog, source: "changelog (package)", text: "- provider-raw usage", location: "CHANGELOG.md:9"),
        ]
        let result = try CriteriaEvaluator.evaluate([CriteriaPresets.usageSemantics[0]], evidence: units)
        #expect(result == [CriterionResult(id: "provider-raw", title: "provider-raw input/output", passed: true,
                                           source: "changelog (package)", evidence: "- provider-raw usage", location: "CHANGELOG.md:9")])
    }

    @Test func noEvidenceIsNeverAPass() throws {
        let results = try CriteriaEvaluator.evaluate(CriteriaPresets.usageSemantics, evidence: [])
        #expect(results.allSatisfy { !$0.passed && $0.source == nil })
    }
}

@Suite struct CandidateSelectorTests {
    func entry(_ v: String, yanked: Bool = false) throws -> IndexEntry {
        IndexEntry(name: "alchemy-llm", version: try SemVer(v), checksum: String(repeating: "0", count: 64), yanked: yanked, publishedAt: nil, line: 1)
    }

    func pick(_ entries: [IndexEntry], requested: String? = nil, pre: Bool = false, minAge: String? = nil, age: Double? = nil) throws -> CandidateSelector.Outcome {
        CandidateSelector.select(from: entries, current: try SemVer("0.1.1"), requested: try requested.map { try SemVer($0) },
                                 allowPrerelease: pre, minimumAge: minAge.flatMap(ConfigDuration.init), age: { _ in age })
    }

    @Test func highestLiveStableVersionAboveThePin() throws {
        let entries = try [entry("0.1.0"), entry("0.1.1"), entry("0.1.2"), entry("0.1.3", yanked: true), entry("0.1.4-rc.1"), entry("0.2.0-rc.1")]
        #expect(try pick(entries) == .candidate(try entry("0.1.2")))
        #expect(try pick(entries, pre: true) == .candidate(try entry("0.1.4-rc.1")))
    }

    @Test func aNewerIncompatibleReleaseIsNeverChosenSilently() throws {
        let entries = try ["0.1.1", "0.1.2", "0.1.3", "0.1.4", "0.1.5", "0.1.6", "0.1.7", "0.1.8", "0.1.9", "0.2.0"].map { try entry($0) }
        #expect(try pick(entries) == .candidate(try entry("0.1.9")))
        #expect(CandidateSelector.latest(from: entries, current: try SemVer("0.1.1"), allowPrerelease: false)?.version.description == "0.2.0")
        // Only the incompatible one: no candidate, and the reason names it and the way to take it.
        #expect(try pick([entry("0.1.1"), entry("0.2.0")]) == .none(reason: "no version compatible with 0.1.1 is published above it; newer, not compatible: 0.2.0 (use --version 0.2.0 or allow_incompatible)"))
        // Asked for by --version, or allowed by the gate: taken.
        #expect(try pick(entries, requested: "0.2.0") == .candidate(try entry("0.2.0")))
        let allowed = CandidateSelector.select(from: entries, current: try SemVer("0.1.1"), requested: nil, allowPrerelease: false,
                                               allowIncompatible: true, minimumAge: nil, age: { _ in nil })
        #expect(allowed == .candidate(try entry("0.2.0")))
    }

    @Test(arguments: [
        ("0.1.1", "0.1.9", true), ("0.1.1", "0.2.0", false), ("1.2.3", "1.9.0", true), ("1.2.3", "2.0.0", false),
        ("0.0.3", "0.0.3", true), ("0.0.3", "0.0.4", false), ("0.0.3", "0.1.0", false), ("0.1.1", "1.0.0", false),
    ])
    func caretCompatibilityAsCargoDefinesIt(base: String, version: String, compatible: Bool) throws {
        #expect(try SemVer(version).isCaretCompatible(with: try SemVer(base)) == compatible)
    }

    @Test func closedOutcomesSayWhy() throws {
        #expect(try pick([entry("0.1.0"), entry("0.1.1")]) == .none(reason: "no version above 0.1.1 is published"))
        #expect(try pick([entry("0.1.1"), entry("0.1.2", yanked: true)]) == .none(reason: "only yanked versions above 0.1.1: 0.1.2 (yanked)"))
        #expect(try pick([entry("0.1.1"), entry("0.1.2-rc.1")]) == .none(reason: "only pre-releases above 0.1.1: 0.1.2-rc.1 (allow_prerelease is false)"))
        #expect(try pick([entry("0.1.2")], minAge: "48h", age: 3 * 3600) == .none(reason: "0.1.2 was published 3h0m ago; min_release_age is 48h"))
        #expect(try pick([entry("0.1.2")], minAge: "48h", age: nil) == .none(reason: "0.1.2: publication time unknown, so min_release_age 48h cannot be proven"))
        #expect(try pick([entry("0.1.2")], minAge: "48h", age: 72 * 3600) == .candidate(try entry("0.1.2")))
    }

    @Test func aRequestedVersionIsJudgedAsAsked() throws {
        let entries = try [entry("0.1.1"), entry("0.1.2", yanked: true), entry("0.1.3")]
        #expect(try pick(entries, requested: "0.1.2") == .none(reason: "0.1.2 is yanked"))
        #expect(try pick(entries, requested: "0.1.9") == .none(reason: "0.1.9 is not published"))
        #expect(try pick(entries, requested: "0.1.1") == .none(reason: "0.1.1 is not above the pinned 0.1.1"))
        #expect(try pick(entries, requested: "0.1.3") == .candidate(try entry("0.1.3")))
    }
}
