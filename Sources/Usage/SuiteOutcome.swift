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
    public func json(caseFields: (Outcome) -> JSONObject) -> JSONValue {
        let cases: [JSONValue] = results.map { r in
            let name: JSONObject = ["name": .string(r.caseName)]
            let verdict: JSONObject = [
                "file": .string(r.caseFile),
                "status": .string(r.failure == nil ? "pass" : "fail"),
                "failure": r.failure.map { .string($0) } ?? .null,
            ]
            return .object(JSONObject(name.members + caseFields(r).members + verdict.members))
        }
        return ["passed": .number(JSONNumber(passed)), "failed": .number(JSONNumber(failed)), "cases": .array(cases)]
    }
}
