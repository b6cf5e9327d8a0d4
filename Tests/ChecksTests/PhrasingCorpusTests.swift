import Checks
import Foundation
import Testing
import Usage
import Support

/// The phrasing corpus (Sources/Checks/PhrasingCases) through the same code as `check`.
@Suite struct PhrasingCorpusTests {
    @Test func everyCaseOfTheCorpusHolds() throws {
        let cases = try PhrasingSuite.builtInCases()
        #expect(cases.filter(\.expectPass).count >= 40)
        #expect(cases.filter { !$0.expectPass }.count >= 40)
        for criterion in CriteriaPresets.usageSemantics.map(\.id) {
            #expect(cases.filter { $0.criterion == criterion && $0.expectPass }.count >= 10, "\(criterion)")
            #expect(cases.filter { $0.criterion == criterion && !$0.expectPass }.count >= 10, "\(criterion)")
        }
        let result = try PhrasingSuite.run(cases, criteria: CriteriaPresets.usageSemantics)
        for r in result.results where !r.passed {
            Issue.record("\((r.phrasingCase.file as NSString).lastPathComponent): \(r.failure ?? "")")
        }
        #expect(result.failed == 0)
    }

    /// The presets' keywords only skip claims their patterns cannot match: without them, every
    /// case of the corpus gets the same verdict, source, quote and near misses.
    @Test func keywordsChangeNoVerdict() throws {
        let cases = try PhrasingSuite.builtInCases()
        let plain = CriteriaPresets.usageSemantics.map { CriterionSpec(id: $0.id, title: $0.title, patterns: $0.patterns) }
        let with = try PhrasingSuite.run(cases, criteria: CriteriaPresets.usageSemantics)
        let without = try PhrasingSuite.run(cases, criteria: plain)
        for (a, b) in zip(with.results, without.results) {
            #expect(a.result == b.result, "\((a.phrasingCase.file as NSString).lastPathComponent)")
        }
        // And a claim without a keyword is not even looked at: a pattern that would match it is skipped.
        let spec = CriterionSpec(id: "x", title: "x", patterns: ["(?i)tokens"], keywords: ["total"])
        let unit = EvidenceUnit(kind: .changelog, source: "changelog (package)", text: "- prompt tokens", location: "CHANGELOG.md:1")
        #expect(try CriteriaEvaluator.evaluate([spec], evidence: [unit])[0].passed == false)
        #expect(try CriteriaEvaluator.evaluate([CriterionSpec(id: "x", title: "x", patterns: ["(?i)tokens"])], evidence: [unit])[0].passed)
    }

    @Test func aCaseThatDoesNotHoldIsReportedWithWhy() throws {
        let json = try JSONReader.parse(#"{"name": "n", "criterion": "total-tokens", "source": "changelog", "text": "- prefer provider total_tokens", "expect": "fail", "why": "negated"}"#)
        let c = try PhrasingCase(json: json, file: "x.json")
        let result = try PhrasingSuite.run([c], criteria: CriteriaPresets.usageSemantics)
        #expect(result.failed == 1)
        #expect(result.results[0].failure?.hasPrefix("expected fail (negated), got pass on CHANGELOG.md:5") == true, "\(result.results[0].failure ?? "")")
    }

    @Test func badCaseFilesNameTheFileAndKey() throws {
        for (text, message) in [
            (#"{"name": "n", "criterion": "x", "source": "tweet", "text": "t", "expect": "pass"}"#, #"x.json: "source" must be "changelog" or "commit""#),
            (#"{"name": "n", "criterion": "x", "source": "commit", "text": "t", "expect": "fail", "why": "vibes"}"#, #"x.json: "why" of a failing case must be one of"#),
            (#"{"name": "n", "criterion": "x", "source": "commit", "text": "t", "expect": "pass", "extra": 1}"#, #"x.json: unknown key "extra""#),
        ] {
            do {
                _ = try PhrasingCase(json: try JSONReader.parse(text), file: "x.json")
                Issue.record("expected an error for \(text)")
            } catch {
                #expect("\(error)".hasPrefix(message), "\(error)")
            }
        }
    }
}
