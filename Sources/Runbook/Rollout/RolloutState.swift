import Foundation
import Checks
import Usage
import Support
import Git

/// What a rollout has done so far, kept under `.git/gatekeeper/` so an interrupted or failed
/// rollout can be resumed from the first step not done, and a finished one is not redone.
public struct RolloutState: Sendable {
    public enum Status: String, Sendable { case running, failed, completed }

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
    /// Results later steps and the evidence bundle need, as JSON.
    public var gate: JSONValue = .null
    public var gateOverride: String?
    /// The PLAN.md `gate:` markers the report proved, as `GateReport.provenMarkers` said when
    /// the gate was evaluated: the one rule for which gate boxes hold.
    public var gateProven: [String] = []
    public var contracts: JSONValue = .null
    public var contractsJUnit: String?
    public var captures: [String: String?] = [:]
    public var captureOrder: [String] = []
    public var parityDiff: JSONValue = .null
    public var paritySummary: JSONValue = .null
    public var qa: [JSONValue] = []
    /// What cargo changed in the lockfiles besides the dependency ("alchemy_llm_py 0.1.0 → 0.1.1").
    public var lockfileExtras: [String] = []
    /// The work-in-progress commit a failed rollout left on its branch, so the user's branch
    /// holds none of its edits; a resume takes it back off before it goes on.
    public var wipCommit: String?
    public var startedAt: String

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
        let value: JSONValue
        do {
            value = try JSONReader.parse(try FileBytes.read(path))
        } catch {
            throw StateError(file: path, message: "unreadable rollout state (\(error)); remove it to start over")
        }
        func str(_ k: String) throws -> String {
            guard let s = value[k]?.stringValue else { throw StateError(file: path, message: "\"\(k)\" missing; remove the file to start over") }
            return s
        }
        var state = RolloutState(dependency: try str("dependency"), from: try str("from"), to: try str("to"), branch: try str("branch"),
                                 baseBranch: try str("base_branch"), baseCommit: try str("base_commit"),
                                 evidenceDir: try str("evidence_dir"), startedAt: try str("started_at"))
        guard GitObjectID(hex: state.baseCommit) != nil else {
            throw StateError(file: path, message: "\"base_commit\" is not a commit id; remove the file to start over")
        }
        guard let status = Status(rawValue: try str("status")) else { throw StateError(file: path, message: "unknown status") }
        state.status = status
        state.done = (value["done"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(RolloutStep.init(rawValue:)) }
        state.notRun = (value["not_run"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(RolloutStep.init(rawValue:)) }
        state.commit = value["commit"]?.stringValue
        state.failure = value["failure"]?.stringValue
        state.gate = value["gate"] ?? .null
        state.gateOverride = value["gate_override"]?.stringValue
        state.gateProven = (value["gate_proven"]?.arrayValue ?? []).compactMap(\.stringValue)
        state.contracts = value["contracts"] ?? .null
        state.contractsJUnit = value["contracts_junit"]?.stringValue
        state.captureOrder = (value["capture_order"]?.arrayValue ?? []).compactMap(\.stringValue)
        for member in value["captures"]?.objectValue?.members ?? [] {
            state.captures[member.key] = .some(member.value.stringValue)
        }
        state.parityDiff = value["parity_diff"] ?? .null
        state.paritySummary = value["parity_summary"] ?? .null
        state.qa = value["qa"]?.arrayValue ?? []
        state.lockfileExtras = (value["lockfile_extras"]?.arrayValue ?? []).compactMap(\.stringValue)
        state.wipCommit = value["wip_commit"]?.stringValue
        return state
    }

    public func save(_ path: String) throws {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        let json: JSONValue = [
            "dependency": .string(dependency),
            "from": .string(from),
            "to": .string(to),
            "branch": .string(branch),
            "base_branch": .string(baseBranch),
            "base_commit": .string(baseCommit),
            "evidence_dir": .string(evidenceDir),
            "status": .string(status.rawValue),
            "done": .array(done.map { .string($0.rawValue) }),
            "not_run": .array(notRun.map { .string($0.rawValue) }),
            "commit": str(commit),
            "failure": str(failure),
            "started_at": .string(startedAt),
            "gate": gate,
            "gate_override": str(gateOverride),
            "gate_proven": .array(gateProven.map { .string($0) }),
            "contracts": contracts,
            "contracts_junit": str(contractsJUnit),
            "capture_order": .array(captureOrder.map { .string($0) }),
            "captures": .object(JSONObject(captureOrder.map { .init(key: $0, value: str(captures[$0] ?? nil)) })),
            "parity_diff": parityDiff,
            "parity_summary": paritySummary,
            "qa": .array(qa),
            "lockfile_extras": .array(lockfileExtras.map { .string($0) }),
            "wip_commit": str(wipCommit),
        ]
        try AtomicFile.write(JSONWriter.string(json) + "\n", to: path)
    }
}
