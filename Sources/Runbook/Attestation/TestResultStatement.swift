import Checks
import Support

/// in-toto's test-result predicate (https://in-toto.io/attestation/test-result/v0.1) over the
/// suites a rollout ran: the contract suite's cases, the parity comparison and each QA command.
public enum TestResultStatement {
    public static let predicateType = "https://in-toto.io/attestation/test-result/v0.1"

    public struct Test: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable { case passed, failed, warned }
        public let name: String
        public let outcome: Outcome
    }

    /// The tests of a bundle's input: `contracts/<case>`, `parity/<a>-vs-<b>`, `qa/<command>`.
    /// A suite that did not run is a warning, never a pass.
    static func tests(_ input: EvidenceInput) -> [Test] {
        var tests: [Test] = []
        if let cases = input.contracts?["cases"]?.arrayValue {
            for c in cases {
                let name = c["name"]?.stringValue ?? c["file"]?.stringValue ?? "case"
                tests.append(Test(name: "contracts/\(name)", outcome: c["status"] == "pass" ? .passed : .failed))
            }
        } else {
            tests.append(Test(name: "contracts", outcome: .warned))
        }
        if let summary = input.paritySummary, let verdict = summary["verdict"]?.stringValue {
            tests.append(Test(name: "parity", outcome: verdict == "aligned" ? .passed : .failed))
        } else {
            tests.append(Test(name: "parity", outcome: .warned))
        }
        if input.qa.isEmpty { tests.append(Test(name: "qa", outcome: .warned)) }
        for q in input.qa { tests.append(Test(name: "qa/\(q.command)", outcome: q.passed ? .passed : .failed)) }
        return tests
    }

    /// FAILED when a test failed, WARNED when one did not run, PASSED otherwise.
    static func document(_ tests: [Test], subjects: [ResourceDescriptor], configuration: [ResourceDescriptor]) -> JSONValue {
        func names(_ outcome: Test.Outcome) -> JSONValue { .array(tests.filter { $0.outcome == outcome }.map { .string($0.name) }) }
        let result = tests.contains { $0.outcome == .failed } ? "FAILED" : tests.contains { $0.outcome == .warned } ? "WARNED" : "PASSED"
        let predicate: JSONValue = [
            "result": .string(result),
            "configuration": .array(configuration.map(\.json)),
            "passedTests": names(.passed),
            "warnedTests": names(.warned),
            "failedTests": names(.failed),
        ]
        return InTotoStatement.document(subjects: subjects, predicateType: predicateType, predicate: predicate)
    }
}
