import Runbook
import Usage
import Support

/// `gatekeeper evidence show DIR --format json`: the text review's content as one document.
enum EvidenceReviewJSON {
    static func document(_ e: EvidenceContents) -> JSONValue {
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        func int(_ i: Int?) -> JSONValue { i.map { .number(JSONNumber($0)) } ?? .null }
        func suite(_ s: EvidenceContents.Suite) -> JSONValue {
            ["status": .string(s.status),
                                "passed": int(s.passed), "failed": int(s.failed)]
        }
        func criterion(_ c: EvidenceContents.Criterion) -> JSONValue {
            [
                "id": .string(c.id), "title": .string(c.title),
                "status": .string(c.status), "source": .string(c.source),
                "evidence": .string(c.evidence), "location": .string(c.location),
            ]
        }
        return .object(JSONObject([
            .init(key: "bundle", value: .string(e.directory)),
            .init(key: "dependency", value: .string(e.dependency)),
            .init(key: "from_version", value: .string(e.fromVersion)),
            .init(key: "to_version", value: .string(e.toVersion)),
            .init(key: "rollout_branch", value: .string(e.rolloutBranch)),
            .init(key: "created_at", value: .string(e.createdAt)),
            .init(key: "integrity", value: e.integrity.json),
            .init(key: "gate", value: [
                "verdict": .string(e.gateVerdict),
                "override": e.gateOverride.map { .string($0) } ?? .null,
                "criteria": .array(e.criteria.map(criterion)),
                "provenance": e.provenance.map(criterion) ?? .null,
                "provenance_parts": .array(e.provenanceParts.map(criterion)),
            ]),
            .init(key: "changes", value: .array(e.changes.map { f in
                [
                    "file": .string(f.path),
                    "kind": .string(f.isLockfile ? "lockfile" : "manifest"),
                    "added": .number(JSONNumber(f.added)),
                    "removed": .number(JSONNumber(f.removed)),
                ]
            })),
            .init(key: "suites", value: .object(JSONObject([
                .init(key: "contracts", value: suite(e.contracts)),
                .init(key: "captures", value: .array(e.captures.map { c in
                    ["name": .string(c.name), "status": .string(c.status),
                                        "file": .string(c.file)]
                })),
                .init(key: "parity", value: suite(e.parity)),
                .init(key: "key_diffs", value: .array(e.keyDiffs.map { d in
                    .object(JSONObject([.init(key: "of", value: .string(d.title))]
                        + zip(d.sides, d.onlyIn).map { .init(key: "only_in_\($0)", value: strings($1)) }
                        + [.init(key: "shared", value: strings(d.shared))]))
                })),
            ]))),
            .init(key: "qa", value: [
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
            ]),
            .init(key: "acceptance", value: .array(e.acceptance.map { a in
                [
                    "id": .string(a.id), "title": .string(a.title),
                    "holds": .bool(a.holds), "evidence": strings(a.evidence),
                ]
            })),
        ]))
    }
}
