import Foundation
import Checks
import Usage
import Support
import Git

/// What a rollout has done so far, kept under `.git/gatekeeper/` so an interrupted or failed
/// rollout can be resumed from the first step not done, and a finished one is not redone.
public struct RolloutState: Sendable, Codable {
    public enum Status: String, Sendable, Codable { case running, failed, completed }

    public var dependency: String
    public var from: String
    public var to: String
    public var branch: String
    public var baseBranch: String
    public var baseCommit: String
    public var evidenceDir: String
    public var status: Status
    public var done: [RolloutStep]
    /// Done steps that had nothing to run (no captures configured, no QA commands).
    public var notRun: [RolloutStep] = []
    public var commit: String?
    public var failure: String?
    /// The gate's verdict when the rollout started (nil when `--skip-gate` skipped it).
    public var gate: GateReport?
    public var gateOverride: String?
    /// The suites' reports, kept as the documents the bundle writes (member order and numbers
    /// as they were): only their verdicts are read back, by the acceptance criteria.
    public var contracts: JSONValue = .null
    public var contractsJUnit: String?
    /// Each capture's file, or nil when its command failed or its file did not read.
    public var captures: [String: String?] = [:]
    public var captureOrder: [String] = []
    public var parityDiff: JSONValue = .null
    public var paritySummary: JSONValue = .null
    public var qa: [QARecord] = []
    /// What cargo changed in the lockfiles besides the dependency ("alchemy_llm_py 0.1.0 → 0.1.1").
    public var lockfileExtras: [String] = []
    /// The work-in-progress commit a failed rollout left on its branch, so the user's branch
    /// holds none of its edits; a resume takes it back off before it goes on.
    public var wipCommit: String?
    public var startedAt: String

    enum CodingKeys: String, CodingKey {
        case dependency, from, to, branch, baseBranch = "base_branch", baseCommit = "base_commit", evidenceDir = "evidence_dir"
        case status, done, notRun = "not_run", commit, failure, startedAt = "started_at"
        case gate, gateOverride = "gate_override", contracts, contractsJUnit = "contracts_junit"
        case captureOrder = "capture_order", captures, parityDiff = "parity_diff", paritySummary = "parity_summary"
        case qa, lockfileExtras = "lockfile_extras", wipCommit = "wip_commit"
    }

    /// Open by its own evidence: an override opens nothing.
    public var gateOpen: Bool { gateOverride == nil && gate?.open == true }

    /// The PLAN.md `gate:` markers the recorded report proves (`GateReport.provenMarkers`, the
    /// one rule for which gate boxes hold); none when the gate was skipped.
    public var gateProven: [String] { gateOverride == nil ? gate?.provenMarkers ?? [] : [] }

    public init(dependency: String, from: String, to: String, branch: String, baseBranch: String, baseCommit: String,
                evidenceDir: String, startedAt: String) {
        self.dependency = dependency
        self.from = from
        self.to = to
        self.branch = branch
        self.baseBranch = baseBranch
        self.baseCommit = baseCommit
        self.evidenceDir = evidenceDir
        self.status = .running
        self.done = []
        self.startedAt = startedAt
    }

    public var nextStep: RolloutStep? { RolloutStep.allCases.first { !done.contains($0) } }

    // MARK: storage

    public struct StateError: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): \(message)" }
    }

    public static func path(gitDir: String, dependency: String, version: String) -> String {
        ((gitDir as NSString).appendingPathComponent("gatekeeper") as NSString).appendingPathComponent("rollout-\(dependency)-\(version).json")
    }

    public static func load(_ path: String) throws -> RolloutState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let state: RolloutState
        do {
            state = try JSONValueDecoder().decode(RolloutState.self, from: try JSONReader.parse(try FileBytes.read(path)))
        } catch {
            throw StateError(file: path, message: "unreadable rollout state (\(error)); remove it to start over")
        }
        guard GitObjectID(hex: state.baseCommit) != nil else {
            throw StateError(file: path, message: "\"base_commit\" is not a commit id; remove the file to start over")
        }
        return state
    }

    public func save(_ path: String) throws {
        try AtomicFile.write(JSONWriter.string(try JSONValueEncoder().encode(self)) + "\n", to: path)
    }
}
