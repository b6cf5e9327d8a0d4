import Runbook
import Usage
import Support

/// `gatekeeper evidence show DIR --format json`: the text review's content as one document.
enum EvidenceReviewJSON {
    static func document(_ e: EvidenceContents) -> JSONValue {
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        func int(_ i: Int?) -> JSONValue { i.map { .number(JSONNumber($0)) } ?? .null }
        func suite(_ s: EvidenceContents.Suite) -> JSONValue {
            .object(JSONObject([.init(key: "status", value: .string(s.status)),
                                .init(key: "passed", value: int(s.passed)), .init(key: "failed", value: int(s.failed))]))
        }
        func criterion(_ c: EvidenceContents.Criterion) -> JSONValue {
            .object(JSONObject([
                .init(key: "id", value: .string(c.id)), .init(key: "title", value: .string(c.title)),
                .init(key: "status", value: .string(c.status)), .init(key: "source", value: .string(c.source)),
                .init(key: "evidence", value: .string(c.evidence)), .init(key: "location", value: .string(c.location)),
            ]))
        }
        return .object(JSONObject([
            .init(key: "bundle", value: .string(e.directory)),
            .init(key: "dependency", value: .string(e.dependency)),
            .init(key: "from_version", value: .string(e.fromVersion)),
            .init(key: "to_version", value: .string(e.toVersion)),
            .init(key: "rollout_branch", value: .string(e.rolloutBranch)),
            .init(key: "created_at", value: .string(e.createdAt)),
            .init(key: "integrity", value: e.integrity.json),
            .init(key: "gate", value: .object(JSONObject([
                .init(key: "verdict", value: .string(e.gateVerdict)),
                .init(key: "override", value: e.gateOverride.map { .string($0) } ?? .null),
                .init(key: "criteria", value: .array(e.criteria.map(criterion))),
                .init(key: "provenance", value: e.provenance.map(criterion) ?? .null),
                .init(key: "provenance_parts", value: .array(e.provenanceParts.map(criterion))),
            ]))),
            .init(key: "changes", value: .array(e.changes.map { f in
                .object(JSONObject([
                    .init(key: "file", value: .string(f.path)),
                    .init(key: "kind", value: .string(f.isLockfile ? "lockfile" : "manifest")),
                    .init(key: "added", value: .number(JSONNumber(f.added))),
                    .init(key: "removed", value: .number(JSONNumber(f.removed))),
                ]))
            })),
            .init(key: "suites", value: .object(JSONObject([
                .init(key: "contracts", value: suite(e.contracts)),
                .init(key: "captures", value: .array(e.captures.map { c in
                    .object(JSONObject([.init(key: "name", value: .string(c.name)), .init(key: "status", value: .string(c.status)),
                                        .init(key: "file", value: .string(c.file))]))
                })),
                .init(key: "parity", value: suite(e.parity)),
                .init(key: "key_diffs", value: .array(e.keyDiffs.map { d in
                    .object(JSONObject([.init(key: "of", value: .string(d.title))]
                        + zip(d.sides, d.onlyIn).map { .init(key: "only_in_\($0)", value: strings($1)) }
                        + [.init(key: "shared", value: strings(d.shared))]))
                })),
            ]))),
            .init(key: "qa", value: .object(JSONObject([
                .init(key: "status", value: .string(e.qa.status)),
                .init(key: "passed", value: int(e.qa.passed)), .init(key: "failed", value: int(e.qa.failed)),
                .init(key: "commands", value: .array(e.qaCommands.map { q in
                    .object(JSONObject([
                        .init(key: "command", value: .string(q.command)), .init(key: "status", value: .string(q.status)),
                        .init(key: "exit_code", value: int(q.exitCode)),
                        .init(key: "duration_seconds", value: .number(JSONNumber(q.durationSeconds))),
                        .init(key: "log", value: .string(q.log)),
                    ]))
                })),
            ]))),
            .init(key: "acceptance", value: .array(e.acceptance.map { a in
                .object(JSONObject([
                    .init(key: "id", value: .string(a.id)), .init(key: "title", value: .string(a.title)),
                    .init(key: "holds", value: .bool(a.holds)), .init(key: "evidence", value: strings(a.evidence)),
                ]))
            })),
        ]))
    }
}
