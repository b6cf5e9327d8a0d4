import Foundation
import Runbook
import Testing
import Usage

@Suite struct EvidenceBundleTests {
    @Test func aFullBundleHasExactlyTheDesignFilesAndVerifiesIntact() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        let written = try f.write()
        #expect(written == EvidenceTestFixture.completeFiles)
        #expect(f.filesOnDisk() == EvidenceTestFixture.completeFiles)
        let report = try EvidenceVerifier.verify(directory: f.bundle)
        #expect(report.intact)
        #expect(report.checked == EvidenceTestFixture.completeFiles.count - 2)
        #expect(report.altered.isEmpty && report.missing.isEmpty && report.unexpected.isEmpty)
        #expect(report.textLines == ["intact: 13 files match SHA256SUMS and statement.intoto.json"])
    }

    @Test func theStatementIsAnInTotoStatementWhoseSubjectsAreTheSHA256SUMSEntries() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        let sums = try f.text("SHA256SUMS").split(separator: "\n").map { line -> [String] in
            [String(line.prefix(64)), String(line.dropFirst(66))]
        }
        let statement = try f.json("statement.intoto.json")
        #expect(statement["_type"] == "https://in-toto.io/Statement/v1")
        #expect(statement["predicateType"] == "https://gatekeeper.dev/evidence/v1")
        let subjects = statement["subject"]?.arrayValue?.map { s in
            [s["digest"]?["sha256"]?.stringValue ?? "", s["name"]?.stringValue ?? ""]
        }
        #expect(subjects == sums)
        #expect(sums.map { $0[1] } == EvidenceTestFixture.completeFiles.filter { $0 != "SHA256SUMS" && $0 != "statement.intoto.json" })
        // Digests are the files' real SHA-256, as `sha256sum` writes them.
        let gateLine = try #require(sums.first { $0[1] == "gate.json" })
        #expect(gateLine[0] == EvidenceTestFixture.sha256(try f.bytes("gate.json")))

        let p = try #require(statement["predicate"])
        #expect(p["dependency"] == "alchemy-llm")
        #expect(p["from_version"] == "0.1.1")
        #expect(p["to_version"] == "0.1.2")
        #expect(p["base_commit"] == "0123456789abcdef0123456789abcdef01234567")
        #expect(p["base_branch"] == "main")
        #expect(p["rollout_branch"] == "deps/alchemy-llm-0.1.2")
        #expect(p["created_at"] == "2025-01-02T03:04:05Z")
        #expect(p["gate"]?["verdict"] == "open")
        #expect(p["suites"]?["contracts"] == ["status": "pass", "passed": 12, "failed": 0])
        #expect(p["suites"]?["parity"] == ["status": "aligned"])
        #expect(p["qa"] == ["status": "pass", "passed": 2, "failed": 0])
    }

    @Test func sha256sumAcceptsTheSumsFile() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return }
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = ["--check", "--quiet", "--strict", "SHA256SUMS"]
        p.currentDirectoryURL = URL(fileURLWithPath: f.bundle)
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func qaJSONRecordsEachCommandWithItsExitDurationAndLog() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        f.input.qa[1].exitCode = 1
        try f.write()
        let qa = try f.json("qa.json")
        #expect(qa["status"] == "fail")
        #expect(qa["passed"] == 1)
        #expect(qa["failed"] == 1)
        #expect(qa["commands"]?.arrayValue?[0] == [
            "command": "uv run pytest -q", "status": "pass", "exit_code": 0, "timed_out": false,
            "duration_seconds": 1.25, "log": "qa/01-uv-run-pytest-q.log",
        ])
        #expect(qa["commands"]?.arrayValue?[1]["status"] == "fail")
        // The logs already in qa/ are kept as they were.
        #expect(try f.text("qa/01-uv-run-pytest-q.log") == "$ uv run pytest -q\n3 passed in 0.12s\n")
    }

    @Test func notRunSuitesAndCapturesAreRecordedAsNotRunNeverAsAPass() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        f.input.contracts = nil
        f.input.contractsJUnit = nil
        f.input.captures[1].sourcePath = nil
        f.input.parityDiff = nil
        f.input.paritySummary = nil
        let written = try f.write()

        #expect(written.contains("captures/python.not-run.json"))
        #expect(!written.contains("captures/python.json"))
        #expect(try f.json("contracts.json")["status"] == "not run")
        #expect(try f.json("contracts.json")["passed"] == nil)
        #expect(try f.text("contracts.junit.xml").contains("<skipped message=\"not run"))
        #expect(try f.json("captures/python.not-run.json")["status"] == "not run")
        #expect(try f.json("usage_parity_summary.json")["verdict"] == "not run")
        #expect(try f.json("usage_parity_diff.json")["status"] == "not run")
        #expect(try f.json("usage_parity_summary.json")["reason"] == "captures not run: python")

        let p = try #require(try f.json("statement.intoto.json")["predicate"])
        #expect(p["suites"]?["contracts"]?["status"] == "not run")
        #expect(p["suites"]?["parity"]?["status"] == "not run")
        #expect(p["suites"]?["captures"]?.arrayValue?[1] == ["name": "python", "status": "not run", "file": "captures/python.not-run.json"])

        let pr = try f.text("PR.md")
        #expect(pr.contains("| Usage contracts | **not run** |"))
        #expect(pr.contains("| Usage parity | **not run** |"))
        #expect(pr.contains("| Capture `python` | **not run** | [captures/python.not-run.json](captures/python.not-run.json) |"))
        // Acceptance items whose evidence did not run stay unticked though the caller said they hold.
        #expect(pr.contains("- [ ] Rust and Python usage semantics are aligned (provider-raw). — [usage_parity_summary.json](usage_parity_summary.json) (not run)"))
        #expect(pr.contains("- [ ] `output` excludes reasoning-token double-counting. — [contracts.json](contracts.json) (not run)"))
        #expect(pr.contains("- [ ] Live captures demonstrate contract integrity end-to-end. — [captures/rust.json](captures/rust.json), [captures/python.not-run.json](captures/python.not-run.json) (not run)"))
        #expect(pr.contains("- [x] The project depends on the released"))
        let acceptance = p["acceptance"]?.arrayValue ?? []
        #expect(acceptance.map { $0["holds"] } == [true, false, false, false, false])
        #expect(try EvidenceVerifier.verify(directory: f.bundle).intact)
    }

    @Test func aCaptureThatRunsOnResumeReplacesItsNotRunRecord() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        let source = f.input.captures[1].sourcePath
        f.input.captures[1].sourcePath = nil
        try f.write()
        f.input.captures[1].sourcePath = source
        let written = try f.write()
        #expect(written == EvidenceTestFixture.completeFiles)
        #expect(try EvidenceVerifier.verify(directory: f.bundle).intact)
    }

    @Test func aSkippedGateIsRecordedWithItsReason() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        f.input.gate = ["open": false, "skipped": true]
        f.input.gateOverride = "upstream confirmed the fix by mail"
        try f.write()
        #expect(try f.json("gate.json")["override"] == ["skip_gate": true, "reason": "upstream confirmed the fix by mail"])
        #expect(try f.json("statement.intoto.json")["predicate"]?["gate"]?["verdict"] == "skipped")
        #expect(try f.text("PR.md").contains("**Gate skipped** with `--skip-gate`, reason: upstream confirmed the fix by mail."))
    }

    @Test func badInputIsOneErrorNamingTheFileAndWritesNothing() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        let fresh = f.root + "/fresh"
        func failure(_ change: (inout EvidenceInput) -> Void, into directory: String? = nil) -> String {
            var input = f.input
            change(&input)
            do {
                try EvidenceBundle.write(input, to: directory ?? fresh, redactor: SecretRedactor(environment: [:]))
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure({ $0.captures[0].name = "../../etc/passwd" })
            == "\(fresh)/captures: capture name '../../etc/passwd' may hold only letters, digits, '-' and '_'")
        #expect(failure({ $0.captures[1].name = "rust" }) == "\(fresh)/captures: capture 'rust' is given twice")
        #expect(failure({ $0.captures[0].sourcePath = f.root + "/nope.json" }) == "\(f.root)/nope.json: capture 'rust': no such file")
        #expect(failure({ $0.qa[0].logPath = "../outside.log" }) == "\(fresh): QA log of 'uv run pytest -q': path '../outside.log' escapes the bundle")
        #expect(failure({ $0.qa[0].logPath = "/etc/passwd" }) == "\(fresh): QA log of 'uv run pytest -q': absolute path '/etc/passwd'")
        #expect(failure({ $0.qa[0].logPath = "qa/missing.log" }, into: f.bundle) == "\(f.bundle)/qa/missing.log: QA log of 'uv run pytest -q' not found")
        #expect(failure({ $0.acceptance[0].evidence = ["nowhere.json"] }, into: f.bundle)
            == "\(f.bundle)/nowhere.json: evidence of acceptance 'released-version' is not a file of the bundle")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(f.filesOnDisk() == ["qa/01-uv-run-pytest-q.log", "qa/02-uv-run-ruff-check.log"])
    }

    @Test func aSymbolicLinkInTheBundleIsRefused() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try FileManager.default.createSymbolicLink(atPath: f.bundle + "/qa/passwd.log", withDestinationPath: "/etc/passwd")
        #expect(throws: EvidenceError(path: f.bundle + "/qa/passwd.log", "a symbolic link has no place in an evidence bundle")) {
            try f.write()
        }
    }

    @Test func jsonIsPrettyWithKeysInAStableOrder() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        let first = try f.text("statement.intoto.json")
        #expect(first.hasPrefix("{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n  \"subject\": ["))
        try f.write()
        #expect(try f.text("statement.intoto.json") == first)
        #expect(try f.json("gate.json").objectValue?.keys.last == "override")
    }
}
