import Usage
import Support

/// The JSON and XML documents of a bundle, built from an already redacted input.
enum EvidenceDocuments {
    /// The gate report with the override recorded beside it (`null` when there was none), so a
    /// reader always finds the key.
    static func gate(_ input: EvidenceInput) -> JSONValue {
        let override: JSONValue = input.gateOverride.map {
            ["skip_gate": true, "reason": .string($0)]
        } ?? .null
        if var object = input.gate.objectValue {
            object["override"] = override
            return .object(object)
        }
        return ["gate": input.gate, "override": override]
    }

    /// Stands in for a suite result that does not exist. It carries no counts, so nothing can
    /// mistake it for a pass.
    static func notRun(suite: String, reason: String) -> JSONValue {
        [
            "suite": .string(suite),
            "status": .string(EvidenceSummary.notRun),
            "verdict": .string(EvidenceSummary.notRun),
            "reason": .string(reason),
        ]
    }

    static func captureNotRun(_ name: String) -> JSONValue {
        [
            "capture": .string(name),
            "status": .string(EvidenceSummary.notRun),
            "reason": .string("no capture file was produced"),
        ]
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
        [
            "status": .string(summary.qa.status),
            "passed": .number(JSONNumber(summary.qa.passed ?? 0)),
            "failed": .number(JSONNumber(summary.qa.failed ?? 0)),
            "commands": .array(input.qa.map(qaRecord)),
        ]
    }

    static func qaRecord(_ q: QARecord) -> JSONValue {
        [
            "command": .string(q.command),
            "status": .string(q.status),
            "exit_code": q.exitCode.map { .number(JSONNumber(Int($0))) } ?? .null,
            "timed_out": .bool(q.timedOut),
            "duration_seconds": .number(seconds(q.durationSeconds)),
            "log": .string(q.logPath),
        ]
    }

    /// Milliseconds are plenty for a reviewer; NaN, infinities and negatives become 0.
    static func seconds(_ d: Double) -> JSONNumber {
        guard d.isFinite, d > 0 else { return JSONNumber(0) }
        return JSONNumber((d * 1000).rounded() / 1000)
    }

    /// The in-toto predicate: the verdicts a reviewer (or `evidence show`) needs first.
    static func predicate(_ input: EvidenceInput, _ summary: EvidenceSummary) -> JSONValue {
        func suite(_ s: EvidenceSummary.Suite) -> JSONValue {
            let counts: JSONValue = [
                "status": .string(s.status),
                "passed": s.passed.map { .number(JSONNumber($0)) } ?? .null,
                "failed": s.failed.map { .number(JSONNumber($0)) } ?? .null,
            ]
            return counts.omittingNull("passed", "failed")
        }
        return [
            "dependency": .string(input.dependency),
            "from_version": .string(input.fromVersion),
            "to_version": .string(input.toVersion),
            "base_branch": .string(input.baseBranch),
            "base_commit": .string(input.baseCommit),
            "rollout_branch": .string(input.rolloutBranch),
            "created_at": .string(input.createdAt),
            "gate": [
                "verdict": .string(summary.gateVerdict),
                "override": input.gateOverride.map { .string($0) } ?? .null,
            ],
            "suites": [
                "contracts": suite(summary.contracts),
                "captures": .array(summary.captures.map { c in
                    [
                        "name": .string(c.name),
                        "status": .string(c.status),
                        "file": .string(c.file),
                    ]
                }),
                "parity": suite(summary.parity),
            ],
            "qa": suite(summary.qa),
            "acceptance": .array(summary.acceptance.map { a in
                [
                    "id": .string(a.item.id),
                    "title": .string(a.item.title),
                    "holds": .bool(a.ticked),
                    "evidence": .array(a.evidence.map { .string($0) }),
                ]
            }),
            "signature": signature(input),
        ]
    }

    /// Said in the statement, so an unsigned bundle says so rather than leaving it to be guessed.
    static func signature(_ input: EvidenceInput) -> JSONValue {
        guard let keyID = input.signingKeyID else { return ["status": "unsigned"] }
        let statements = EvidenceLayout.signedStatements.filter { $0 != EvidenceLayout.verificationSummary || input.verifiedGate != nil }
        return ["status": "signed", "keyid": .string(keyID), "envelopes": .array(statements.map { .string(EvidenceLayout.envelope(of: $0)) })]
    }
}
