import Foundation
import Support
import Testing
@testable import Checks
@testable import Runbook

/// The rollout state holds the gate's report typed: what a resume reads back is the verdict
/// itself, and "open" and the proven PLAN.md markers are computed from its evidence, never read
/// from a stored flag.
@Suite struct RolloutStateTests {
    static func report(folder: borrowing GitRunbookFolder, criterionPassed: Bool = true) throws -> GateReport {
        try GitRunbookSupport.write("[package]\nname = \"t\"\nversion = \"0.1.0\"\n\n[dependencies]\nalchemy-llm = \"0.1.1\"\n",
                                    to: folder.sub("Cargo.toml"))
        let pins = try PinnedVersion.read(dependency: "alchemy-llm", manifests: ["Cargo.toml"], repo: folder.path)
        let criteria = [
            CriterionResult(id: "provider-raw", title: "provider-raw input", passed: true, source: "changelog",
                            evidence: "usage is provider-raw", location: "CHANGELOG.md:5"),
            CriterionResult(id: "total-tokens", title: "total_tokens kept", passed: criterionPassed, source: criterionPassed ? "commits" : nil,
                            evidence: criterionPassed ? "prefer the provider's total_tokens" : nil, location: nil,
                            rejected: [NearMiss(evidence: "total_tokens", location: "CHANGELOG.md:9", source: "changelog", rejection: .otherCrate("alchemy-core")),
                                       NearMiss(evidence: "total", location: "e8678aa", source: "commits", rejection: .reverted(by: "1a2b3c4"))]),
        ]
        let provenance = ProvenanceResult(status: .pass, commit: String(repeating: "ab", count: 20), detail: nil,
                                          sources: SourceCheck(status: .pass, compared: 6, matched: 4, generated: ["Cargo.toml", ".cargo_vcs_info.json"],
                                                               mismatches: [.init(file: "README.md", why: "differs")], detail: nil),
                                          fixInPackage: FixCheck(status: .pass, files: [.init(file: "src/usage.rs", hunks: 2, present: 2, note: nil)], detail: nil))
        return GateReport(id: "alchemy-llm", dependency: "alchemy-llm", current: "0.1.1", candidate: "0.1.2", latest: "0.2.0",
                          latestIncompatible: true, firstWithFix: "0.1.2", reasons: [], criteria: criteria, provenance: provenance,
                          pins: pins.pins, notes: ["changelog: CHANGELOG.md in the package"])
    }

    static func state(gate: GateReport?, override: String? = nil) -> RolloutState {
        var state = RolloutState(dependency: "alchemy-llm", from: "0.1.1", to: "0.1.2", branch: "deps/alchemy-llm-0.1.2", baseBranch: "main",
                                 baseCommit: String(repeating: "0", count: 40), evidenceDir: "data/evidence", startedAt: "2026-12-03T00:00:00Z")
        state.gate = gate
        state.gateOverride = override
        state.done = [.branch, .bump, .qa]
        state.notRun = [.qa]
        state.qa = [QARecord(command: "true", exitCode: 0, durationSeconds: 0.125, timedOut: false, logPath: "qa/01.log"),
                    QARecord(command: "sleep 9", exitCode: nil, durationSeconds: 3, timedOut: true, logPath: "qa/02.log")]
        state.contracts = ["passed": 7, "failed": 0, "cases": [["file": "reasoning.json", "status": "pass"]]]
        state.captures = ["rust": "rust.json", "python": nil]
        state.captureOrder = ["rust", "python"]
        return state
    }

    @Test func aResumeReadsBackTheSameVerdict() throws {
        let folder = try GitRunbookFolder()
        let report = try Self.report(folder: folder)
        #expect(report.open, "the control: every criterion passed and provenance holds")
        let path = folder.sub("state.json")
        try Self.state(gate: report).save(path)
        let back = try #require(try RolloutState.load(path))
        #expect(back.gate.map { JSONWriter.string($0.json) } == JSONWriter.string(report.json))
        #expect(back.gateOpen)
        #expect(back.gateProven == ["published", "provider-raw", "total-tokens", "provenance"])
        #expect(back.qa == Self.state(gate: report).qa)
        #expect(back.captures["python"] == .some(nil) && back.captures["rust"] == .some("rust.json"))
        #expect(JSONWriter.string(back.contracts) == JSONWriter.string(Self.state(gate: report).contracts), "members in their order")
        #expect(back.notRun == [.qa])
    }

    @Test func aClosedOrSkippedGateProvesNoMarkerItDidNotProve() throws {
        let folder = try GitRunbookFolder()
        let closed = Self.state(gate: try Self.report(folder: folder, criterionPassed: false))
        #expect(!closed.gateOpen)
        #expect(closed.gateProven == ["published", "provider-raw", "provenance"])
        let skipped = Self.state(gate: nil, override: "hotfix")
        #expect(!skipped.gateOpen && skipped.gateProven.isEmpty)
        // An override beside a recorded open report still opens nothing.
        let both = Self.state(gate: try Self.report(folder: folder), override: "hotfix")
        #expect(!both.gateOpen && both.gateProven.isEmpty)
    }

    @Test func aStateFileThatSaysOpenDoesNotOpenAGateItsEvidenceCloses() throws {
        let folder = try GitRunbookFolder()
        let path = folder.sub("state.json")
        try Self.state(gate: try Self.report(folder: folder, criterionPassed: false)).save(path)
        // "open" is never stored; one written into the file by hand is ignored.
        var json = try JSONReader.parse(try String(contentsOfFile: path, encoding: .utf8)).objectValue!
        var gate = json["gate"]!.objectValue!
        gate["open"] = .bool(true)
        json["gate"] = .object(gate)
        try JSONWriter.string(.object(json)).write(toFile: path, atomically: true, encoding: .utf8)
        let back = try #require(try RolloutState.load(path))
        #expect(!back.gateOpen)
        #expect(!back.gateProven.contains("total-tokens"))
    }

    @Test func aDamagedGateIsRefusedWithItsPath() throws {
        let folder = try GitRunbookFolder()
        let path = folder.sub("state.json")
        try Self.state(gate: try Self.report(folder: folder)).save(path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: #""passed": true"#, with: #""passed": "yes""#).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RolloutState.StateError.self) { try RolloutState.load(path) }
        do {
            _ = try RolloutState.load(path)
        } catch {
            #expect("\(error)" == "\(path): unreadable rollout state (gate.criteria.0.passed: expected a boolean, found a string); remove it to start over")
        }
    }
}
