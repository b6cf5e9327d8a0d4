import Runbook
import Usage
import Support

/// `gatekeeper evidence show DIR --format json`: the text review's content as one document.
enum EvidenceReviewJSON {
    static func document(_ e: EvidenceContents) -> JSONValue {
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        func int(_ i: Int?) -> JSONValue { i.map { .number(JSONNumber($0)) } ?? .null }
        func suite(_ s: EvidenceContents.Suite) -> JSONValue {
            ["status": .string(s.status), "passed": int(s.passed), "failed": int(s.failed)]
        }
        func criterion(_ c: EvidenceContents.Criterion) -> JSONValue {
            [
                "id": .string(c.id), "title": .string(c.title),
                "status": .string(c.status), "source": .string(c.source),
                "evidence": .string(c.evidence), "location": .string(c.location),
            ]
        }
        let gate: JSONValue = [
            "verdict": .string(e.gateVerdict),
            "override": e.gateOverride.map { .string($0) } ?? .null,
            "criteria": .array(e.criteria.map(criterion)),
            "provenance": e.provenance.map(criterion) ?? .null,
            "provenance_parts": .array(e.provenanceParts.map(criterion)),
        ]
        let changes: [JSONValue] = e.changes.map { f in
            [
                "file": .string(f.path),
                "kind": .string(f.isLockfile ? "lockfile" : "manifest"),
                "added": .number(JSONNumber(f.added)),
                "removed": .number(JSONNumber(f.removed)),
            ]
        }
        // A key diff names one member per side ("only_in_rust"), so its keys are built, not written.
        let keyDiffs: [JSONValue] = e.keyDiffs.map { d in
            .object(JSONObject([.init(key: "of", value: .string(d.title))]
                + zip(d.sides, d.onlyIn).map { .init(key: "only_in_\($0)", value: strings($1)) }
                + [.init(key: "shared", value: strings(d.shared))]))
        }
        let suites: JSONValue = [
            "contracts": suite(e.contracts),
            "captures": .array(e.captures.map { c in ["name": .string(c.name), "status": .string(c.status), "file": .string(c.file)] }),
            "parity": suite(e.parity),
            "key_diffs": .array(keyDiffs),
        ]
        let qa: JSONValue = [
            "status": .string(e.qa.status),
            "passed": int(e.qa.passed), "failed": int(e.qa.failed),
            "commands": .array(e.qaCommands.map { q in
                [
                    "command": .string(q.command), "status": .string(q.status),
                    "exit_code": int(q.exitCode),
                    "duration_seconds": .number(JSONNumber(q.durationSeconds)),
                    "log": .string(q.log),
                ]
            }),
        ]
        let acceptance: [JSONValue] = e.acceptance.map { a in
            ["id": .string(a.id), "title": .string(a.title), "holds": .bool(a.holds), "evidence": strings(a.evidence)]
        }
        return [
            "bundle": .string(e.directory),
            "dependency": .string(e.dependency),
            "from_version": .string(e.fromVersion),
            "to_version": .string(e.toVersion),
            "rollout_branch": .string(e.rolloutBranch),
            "created_at": .string(e.createdAt),
            "integrity": e.integrity.json,
            "verification_summary": e.verificationSummary.map { .string($0) } ?? .null,
            "gate": gate,
            "changes": .array(changes),
            "suites": suites,
            "qa": qa,
            "acceptance": .array(acceptance),
        ]
    }
}
