@testable import Support
import Checks
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
        #expect(throws: SourceError(file: f.bundle + "/qa/passwd.log", line: nil, message: "a symbolic link has no place in an evidence bundle")) {
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

/// Where a rollout may write its bundle (issue 13, item 3): a real folder of the repository,
/// holding only files this rollout wrote.
@Suite struct EvidenceFolderTests {
    final class Repo {
        let root: String
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("gk-folder-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
        func file(_ path: String, _ text: String = "x\n") throws {
            try FileManager.default.createDirectory(atPath: ((root + "/" + path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        }
    }

    static let folder = "data/evidence/alchemy-llm-0.1.2"
    static let own = EvidenceFolder.rolloutFiles(captures: ["rust", "python"], qaCommands: ["sh scripts/qa.sh", "exit 3"],
                                                 recordedQALogs: ["qa/07-recorded.log"])

    @Test func aMissingOrEmptyFolderIsFine() throws {
        let repo = try Repo()
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: []) == nil)
        try FileManager.default.createDirectory(atPath: repo.root + "/" + Self.folder + "/qa", withIntermediateDirectories: true)
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: []) == nil, "empty folders hold nothing")
    }

    @Test func aLinkAnywhereOnThePathIsRefused() throws {
        for (link, at) in [("data", "data"), ("data/evidence", "data/evidence"), (Self.folder, Self.folder)] {
            let repo = try Repo()
            let elsewhere = repo.root + "-elsewhere"
            defer { try? FileManager.default.removeItem(atPath: elsewhere) }
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: ((repo.root + "/" + link) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: repo.root + "/" + link, withDestinationPath: elsewhere)
            #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: Self.own)
                == "[rollout] evidence_dir: \(at) is a symbolic link (to \(elsewhere)); the evidence bundle is written inside the repository, never through a link")
        }
        // A dangling link too: it would be created through.
        let repo = try Repo()
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/data", withDestinationPath: "/nonexistent/x")
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: [])?.hasPrefix("[rollout] evidence_dir: data is a symbolic link (to /nonexistent/x)") == true)
    }

    @Test func aFileWhereAFolderShouldBeIsRefused() throws {
        let repo = try Repo()
        try repo.file("data/evidence")
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: []) == "[rollout] evidence_dir: data/evidence is not a folder")
    }

    @Test func filesTheRolloutDidNotWriteAreRefusedHiddenOnesAndLinksIncluded() throws {
        let repo = try Repo()
        try repo.file(Self.folder + "/PR.md", "# my draft\n")
        try repo.file(Self.folder + "/private-notes.txt")
        try repo.file(Self.folder + "/.env")
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/" + Self.folder + "/qa.json", withDestinationPath: "/etc/passwd")
        // New rollout: nothing is its own.
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: [])
            == "[rollout] evidence_dir: \(Self.folder) already holds files this rollout did not write (.env, PR.md, private-notes.txt, qa.json); the bundle would overwrite or commit them: move them out, or set another evidence_dir")
        // Resumed: PR.md is a name the bundle writes; the rest is not the rollout's.
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: ["PR.md"])
            == "[rollout] evidence_dir: \(Self.folder) already holds files this rollout did not write (.env, private-notes.txt, qa.json); the bundle would overwrite or commit them: move them out, or set another evidence_dir")
    }

    @Test func manyFilesAreCountedAndControlCharactersShownEscaped() throws {
        let repo = try Repo()
        for i in 1...7 { try repo.file(Self.folder + "/n\(i).txt") }
        try repo.file(Self.folder + "/a\u{1b}[2Jb")
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: [])
            == "[rollout] evidence_dir: \(Self.folder) already holds files this rollout did not write (a\\u{1b}[2Jb, n1.txt, n2.txt, n3.txt, n4.txt and 3 more); the bundle would overwrite or commit them: move them out, or set another evidence_dir")
    }

    @Test func aResumeFindsItsOwnFilesLogsAndTemporaries() throws {
        let repo = try Repo()
        let files = ["gate.json", "manifests.diff", "contracts.json", "contracts.junit.xml", "usage_parity_diff.json",
                     "usage_parity_summary.json", "qa.json", "environment.json", "PR.md", "SHA256SUMS", "statement.intoto.json",
                     "lockfiles.log", "captures/rust.json", "captures/rust.log", "captures/python.not-run.json", "captures/python.log",
                     "qa/01-sh-scripts-qa-sh.log", "qa/02-exit-3.log", "qa/07-recorded.log",
                     // A write killed between its temporary file and the rename.
                     ".PR.md.AbC123", "qa/.02-exit-3.log.x9Y8z7"]
        for f in files { try repo.file(Self.folder + "/" + f) }
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: Self.own) == nil)
        try repo.file(Self.folder + "/captures/notes.json")
        try repo.file(Self.folder + "/.PR.md.short")
        #expect(EvidenceFolder.problem(root: repo.root, folder: Self.folder, own: Self.own)
            == "[rollout] evidence_dir: \(Self.folder) already holds files this rollout did not write (.PR.md.short, captures/notes.json); the bundle would overwrite or commit them: move them out, or set another evidence_dir")
    }
}

/// AtomicFile keeps what a file was (its mode) and never replaces or follows a link.
@Suite struct AtomicFileTests {
    @Test func anExistingFileKeepsItsModeANewOneIs0644() throws {
        let repo = try EvidenceFolderTests.Repo()
        for mode: mode_t in [0o444, 0o755, 0o600, 0o640] {
            let path = repo.root + "/f\(String(mode, radix: 8))"
            try repo.file("f\(String(mode, radix: 8))", "old\n")
            chmod(path, mode)
            try AtomicFile.write("new\n", to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
            var st = stat()
            lstat(path, &st)
            #expect(st.st_mode & 0o7777 == mode, "\(String(mode, radix: 8)) became \(String(st.st_mode & 0o7777, radix: 8))")
        }
        let fresh = repo.root + "/sub/new.txt"
        try AtomicFile.write("x", to: fresh)
        var st = stat()
        lstat(fresh, &st)
        #expect(st.st_mode & 0o777 == 0o644)
    }

    @Test func aLinkIsNeitherReplacedNorFollowed() throws {
        let repo = try EvidenceFolderTests.Repo()
        try repo.file("target.txt", "theirs\n")
        let link = repo.root + "/link.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")
        #expect(throws: AtomicFile.WriteError(path: link, reason: "is a symbolic link (to target.txt); gatekeeper neither replaces a link with a file nor writes through one")) {
            try AtomicFile.write("mine\n", to: link)
        }
        #expect(AtomicFile.linkTarget(link) == "target.txt")
        #expect(try String(contentsOfFile: repo.root + "/target.txt", encoding: .utf8) == "theirs\n")
        // Dangling: not created through either.
        let dangling = repo.root + "/dangling"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: repo.root + "/created-through")
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: dangling) }
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/created-through"))
        // No temporary file is left behind by a refusal.
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.root).sorted() == ["dangling", "link.txt", "target.txt"])
    }

    @Test func theFirstLinkOnAPathIsFoundFromTheRootDown() throws {
        let repo = try EvidenceFolderTests.Repo()
        try repo.file("real/Cargo.toml")
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/bindings", withDestinationPath: "real")
        #expect(AtomicFile.symbolicLink(in: "bindings/Cargo.toml", under: repo.root)?.path == "bindings")
        #expect(AtomicFile.symbolicLink(in: "bindings/Cargo.toml", under: repo.root)?.target == "real")
        #expect(AtomicFile.symbolicLink(in: "real/Cargo.toml", under: repo.root) == nil)
        #expect(AtomicFile.symbolicLink(in: "./real/Cargo.toml", under: repo.root) == nil)
        #expect(AtomicFile.symbolicLink(in: "missing/x/y", under: repo.root) == nil)
    }
}
