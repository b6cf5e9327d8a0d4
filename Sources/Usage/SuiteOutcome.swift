import Support
/// One case of a data-driven suite (contract cases, phrasing cases) as its report sees it.
public protocol SuiteCaseOutcome: Sendable {
    var caseName: String { get }
    var caseFile: String { get }
    /// nil when the case holds.
    var failure: String? { get }
}

/// A suite run: the counts and the closing line every suite prints the same way.
public protocol SuiteOutcome: Sendable {
    associatedtype Outcome: SuiteCaseOutcome
    var results: [Outcome] { get }
}

extension SuiteOutcome {
    public var passed: Int { results.filter { $0.failure == nil }.count }
    public var failed: Int { results.count - passed }
    /// The closing line: `N passed, N failed`.
    public var summaryLine: String { "\(passed) passed, \(failed) failed" }
}

extension SuiteOutcome {
    /// `{"passed", "failed", "cases": [{"name", <fields>, "file", "status", "failure"}]}`.
    public func json(caseFields: (Outcome) -> [JSONObject.Member]) -> JSONValue {
        .object(JSONObject([
            .init(key: "passed", value: .number(JSONNumber(passed))),
            .init(key: "failed", value: .number(JSONNumber(failed))),
            .init(key: "cases", value: .array(results.map { r in
                .object(JSONObject([.init(key: "name", value: .string(r.caseName))] + caseFields(r) + [
                    .init(key: "file", value: .string(r.caseFile)),
                    .init(key: "status", value: .string(r.failure == nil ? "pass" : "fail")),
                    .init(key: "failure", value: r.failure.map { .string($0) } ?? .null),
                ]))
            })),
        ]))
    }
}
