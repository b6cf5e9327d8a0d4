import Usage
import Support

/// The JSON and XML documents of a bundle, built from an already redacted input.
enum EvidenceDocuments {
    /// The gate report with the override recorded beside it (`null` when there was none), so a
    /// reader always finds the key.
    static func gate(_ input: EvidenceInput) -> JSONValue {
        let override: JSONValue = input.gateOverride.map {
            .object(JSONObject([.init(key: "skip_gate", value: true), .init(key: "reason", value: .string($0))]))
        } ?? .null
        if var object = input.gate.objectValue {
            object["override"] = override
            return .object(object)
        }
        return .object(JSONObject([.init(key: "gate", value: input.gate), .init(key: "override", value: override)]))
    }

    /// Stands in for a suite result that does not exist. It carries no counts, so nothing can
    /// mistake it for a pass.
    static func notRun(suite: String, reason: String) -> JSONValue {
        .object(JSONObject([
            .init(key: "suite", value: .string(suite)),
            .init(key: "status", value: .string(EvidenceSummary.notRun)),
            .init(key: "verdict", value: .string(EvidenceSummary.notRun)),
            .init(key: "reason", value: .string(reason)),
        ]))
    }

    static func captureNotRun(_ name: String) -> JSONValue {
        .object(JSONObject([
            .init(key: "capture", value: .string(name)),
            .init(key: "status", value: .string(EvidenceSummary.notRun)),
            .init(key: "reason", value: .string("no capture file was produced")),
        ]))
    }

    /// Why parity did not run: the captures it lacked, when that is the reason.
    static func parityNotRunReason(_ summary: EvidenceSummary) -> String {
        let missing = summary.captures.filter { !$0.captured }.map(\.name)
        return missing.isEmpty ? "the parity suite was not run" : "captures not run: \(missing.joined(separator: ", "))"
    }

    /// A JUnit report with one skipped case: CI tools show it as skipped, never as passed.
    static func junitNotRun(reason: String) -> String {
        let message = XMLText.escape(reason)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites tests="1" failures="0" skipped="1">
              <testsuite name="usage-contracts" tests="1" failures="0" errors="0" skipped="1">
                <testcase name="usage contract suite" classname="usage-contracts">
                  <skipped message="not run: \(message)"/>
                </testcase>
              </testsuite>
            </testsuites>

            """
    }

    static func qa(_ input: EvidenceInput, _ summary: EvidenceSummary) -> JSONValue {
        .object(JSONObject([
            .init(key: "status", value: .string(summary.qa.status)),
            .init(key: "passed", value: .number(JSONNumber(summary.qa.passed ?? 0))),
            .init(key: "failed", value: .number(JSONNumber(summary.qa.failed ?? 0))),
            .init(key: "commands", value: .array(input.qa.map(qaRecord))),
        ]))
    }

    static func qaRecord(_ q: QARecord) -> JSONValue {
        .object(JSONObject([
            .init(key: "command", value: .string(q.command)),
            .init(key: "status", value: .string(q.status)),
            .init(key: "exit_code", value: q.exitCode.map { .number(JSONNumber(Int($0))) } ?? .null),
            .init(key: "timed_out", value: .bool(q.timedOut)),
            .init(key: "duration_seconds", value: .number(seconds(q.durationSeconds))),
            .init(key: "log", value: .string(q.logPath)),
        ]))
    }

    /// Milliseconds are plenty for a reviewer; NaN, infinities and negatives become 0.
    static func seconds(_ d: Double) -> JSONNumber {
        guard d.isFinite, d > 0 else { return JSONNumber(0) }
        return JSONNumber((d * 1000).rounded() / 1000)
    }

    /// The in-toto predicate: the verdicts a reviewer (or `evidence show`) needs first.
    static func predicate(_ input: EvidenceInput, _ summary: EvidenceSummary) -> JSONValue {
        func suite(_ s: EvidenceSummary.Suite) -> JSONValue {
            var members: [JSONObject.Member] = [.init(key: "status", value: .string(s.status))]
            if let p = s.passed { members.append(.init(key: "passed", value: .number(JSONNumber(p)))) }
            if let f = s.failed { members.append(.init(key: "failed", value: .number(JSONNumber(f)))) }
            return .object(JSONObject(members))
        }
        return .object(JSONObject([
            .init(key: "dependency", value: .string(input.dependency)),
            .init(key: "from_version", value: .string(input.fromVersion)),
            .init(key: "to_version", value: .string(input.toVersion)),
            .init(key: "base_branch", value: .string(input.baseBranch)),
            .init(key: "base_commit", value: .string(input.baseCommit)),
            .init(key: "rollout_branch", value: .string(input.rolloutBranch)),
            .init(key: "created_at", value: .string(input.createdAt)),
            .init(key: "gate", value: .object(JSONObject([
                .init(key: "verdict", value: .string(summary.gateVerdict)),
                .init(key: "override", value: input.gateOverride.map { .string($0) } ?? .null),
            ]))),
            .init(key: "suites", value: .object(JSONObject([
                .init(key: "contracts", value: suite(summary.contracts)),
                .init(key: "captures", value: .array(summary.captures.map { c in
                    .object(JSONObject([
                        .init(key: "name", value: .string(c.name)),
                        .init(key: "status", value: .string(c.status)),
                        .init(key: "file", value: .string(c.file)),
                    ]))
                })),
                .init(key: "parity", value: suite(summary.parity)),
            ]))),
            .init(key: "qa", value: suite(summary.qa)),
            .init(key: "acceptance", value: .array(summary.acceptance.map { a in
                .object(JSONObject([
                    .init(key: "id", value: .string(a.item.id)),
                    .init(key: "title", value: .string(a.item.title)),
                    .init(key: "holds", value: .bool(a.ticked)),
                    .init(key: "evidence", value: .array(a.evidence.map { .string($0) })),
                ]))
            })),
        ]))
    }
}
