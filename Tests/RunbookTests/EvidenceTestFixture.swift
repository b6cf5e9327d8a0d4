@testable import Support
import Foundation
import TestSupport
import Runbook
import Usage

/// A realistic rollout's evidence (alchemy-llm 0.1.1 → 0.1.2) in a fresh temporary folder: QA
/// logs already written into the bundle's qa/, capture files beside it.
struct EvidenceTestFixture {
    let root: String
    let bundle: String
    var input: EvidenceInput

    static let diff = """
        --- a/Cargo.toml
        +++ b/Cargo.toml
        @@ -8,7 +8,7 @@
         [dependencies]
        -alchemy-llm = "0.1.1"
        +alchemy-llm = "0.1.2"
         serde = "1"
        --- a/bindings/alchemy_llm_py/Cargo.toml
        +++ b/bindings/alchemy_llm_py/Cargo.toml
        @@ -5,3 +5,3 @@
        -alchemy-llm = { version = "=0.1.1" }
        +alchemy-llm = { version = "=0.1.2" }
        --- a/Cargo.lock
        +++ b/Cargo.lock
        @@ -12,4 +12,4 @@
         name = "alchemy-llm"
        -version = "0.1.1"
        -checksum = "1111"
        +version = "0.1.2"
        +checksum = "2222"

        """

    static let gate: JSONValue = [
        "id": "alchemy-llm", "dependency": "alchemy-llm", "current": "0.1.1", "candidate": "0.1.2", "open": true,
        "reasons": [],
        "criteria": [
            ["id": "provider-raw", "title": "provider-raw input/output", "status": "pass", "source": "commits",
             "evidence": "- provider-raw input/output", "location": "commit 4409a50"],
            ["id": "total-tokens", "title": "provider total_tokens support", "status": "pass", "source": "changelog",
             "evidence": "Usage semantics aligned with provider raw tokens | total", "location": "CHANGELOG.md:12"],
        ],
        "provenance": ["status": "pass", "commit": "4409a508150c7628e3b82e3103a7f7dd7f8ccb87", "detail": nil],
        "pins": [], "notes": ["changelog: CHANGELOG.md in the package"],
    ]

    static let contracts: JSONValue = [
        "passed": 12, "failed": 0,
        "cases": [["name": "reasoning-not-in-output", "kind": "normalize", "file": "builtin/reasoning.json", "status": "pass", "failure": nil]],
    ]

    static let junit = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites tests="12" failures="0">
          <testsuite name="usage-contracts" tests="12" failures="0" errors="0" skipped="0">
            <testcase name="reasoning-not-in-output" classname="usage-contracts.normalize"/>
          </testsuite>
        </testsuites>

        """

    static let capture = #"{"events":[{"type":"done"}],"final_assistant_message":{"usage":{"input":10,"output":5,"cache_read":0,"cache_write":0,"total_tokens":15}}}"#

    static let parityDiff: JSONValue = ["rust_event_count": 1, "python_event_count": 1, "usage_key_diff": ["only_in_rust": [], "only_in_python": []]]
    static let paritySummary: JSONValue = ["generated_at": "2025-01-02T03:04:05Z", "verdict": "aligned", "violations": []]

    static let acceptance: [AcceptanceItem] = [
        AcceptanceItem(id: "released-version", title: "The project depends on the released `alchemy-llm` version containing the usage fix.",
                       holds: true, evidence: ["gate.json", "manifests.diff"]),
        AcceptanceItem(id: "semantics-aligned", title: "Rust and Python usage semantics are aligned (provider-raw).",
                       holds: true, evidence: ["usage_parity_summary.json", "usage_parity_diff.json"]),
        AcceptanceItem(id: "reasoning-not-in-output", title: "`output` excludes reasoning-token double-counting.",
                       holds: true, evidence: ["contracts.json"]),
        AcceptanceItem(id: "suites-pass", title: "Test suite + lint + pre-commit pass.",
                       holds: false, evidence: ["qa.json"]),
        AcceptanceItem(id: "captures-prove-contract", title: "Live captures demonstrate contract integrity end-to-end.",
                       holds: true, evidence: ["captures/rust.json", "captures/python.json"]),
    ]

    static let qaCommands = ["uv run pytest -q", "uv run ruff check ."]

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)").path
        bundle = root + "/bundle"
        try FileManager.default.createDirectory(atPath: bundle + "/qa", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/captures", withIntermediateDirectories: true)
        var qa: [QARecord] = []
        for (i, command) in Self.qaCommands.enumerated() {
            let log = EvidenceLayout.qaLog(index: i + 1, command: command)
            try Self.write("$ \(command)\n3 passed in 0.12s\n", to: bundle + "/" + log)
            qa.append(QARecord(command: command, exitCode: 0, durationSeconds: 1.25 + Double(i), timedOut: false, logPath: log))
        }
        for name in ["rust", "python"] {
            try Self.write(Self.capture, to: root + "/captures/\(name).json")
        }
        input = EvidenceInput(
            dependency: "alchemy-llm", fromVersion: "0.1.1", toVersion: "0.1.2",
            baseBranch: "main", baseCommit: "0123456789abcdef0123456789abcdef01234567", rolloutBranch: "deps/alchemy-llm-0.1.2",
            gate: Self.gate, manifestsDiff: Self.diff,
            contracts: Self.contracts, contractsJUnit: Self.junit,
            captures: [(name: "rust", sourcePath: root + "/captures/rust.json"), (name: "python", sourcePath: root + "/captures/python.json")],
            parityDiff: Self.parityDiff, paritySummary: Self.paritySummary,
            qa: qa, environment: ["gatekeeper": "0.1.0", "cargo": "cargo 1.83.0", "os": "Debian 13"],
            acceptance: Self.acceptance, createdAt: "2025-01-02T03:04:05Z")
    }

    /// The files a complete bundle of this fixture holds.
    static let completeFiles = [
        "PR.md", "SHA256SUMS", "captures/python.json", "captures/rust.json", "contracts.json", "contracts.junit.xml",
        "environment.json", "gate.json", "manifests.diff", "qa.json", "qa/01-uv-run-pytest-q.log", "qa/02-uv-run-ruff-check.log",
        "statement.intoto.json", "suites.test-result.json", "usage_parity_diff.json", "usage_parity_summary.json",
    ]

    @discardableResult
    func write(redactor: SecretRedactor = SecretRedactor(environment: [:])) throws -> [String] {
        try EvidenceBundle.write(input, to: bundle, redactor: redactor)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: bundle + "/" + name)))
    }

    func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

    func json(_ name: String) throws -> JSONValue { try JSONReader.parse(try bytes(name)) }

    /// Every file under the bundle, relative, sorted.
    func filesOnDisk() -> [String] {
        let names = (FileManager.default.subpaths(atPath: bundle) ?? []).filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: bundle + "/" + name, isDirectory: &isDir) && !isDir.boolValue
        }
        return names.sorted()
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// With coreutils, independent of the code under test.
    static func sha256(_ bytes: [UInt8]) -> String {
        let output = (try? TestProcess.run("sha256sum", [], input: bytes).output) ?? ""
        return String(output.prefix(64))
    }
}
