import Checks
import Usage
import Support

/// What the rollout hands over to be written. Every text goes through the redactor before it
/// touches disk.
public struct EvidenceInput: Sendable {
    public var dependency: String
    public var fromVersion: String
    public var toVersion: String
    public var baseBranch: String
    public var baseCommit: String
    public var rolloutBranch: String
    /// The gate report (`GateReport.json`), or a skip-gate record.
    public var gate: JSONValue
    /// `--skip-gate --reason TEXT`: recorded in gate.json, the statement and PR.md.
    public var gateOverride: String?
    /// Unified diff of the manifests and lockfiles.
    public var manifestsDiff: String
    /// What cargo changed in the lockfiles besides the dependency ("Cargo.lock: alchemy_llm_py 0.1.0 → 0.1.1").
    public var lockfileExtras: [String] = []
    /// nil → recorded as "not run".
    public var contracts: JSONValue?
    public var contractsJUnit: String?
    /// Copied into `captures/<name>.json`; a nil path is recorded as not run.
    public var captures: [(name: String, sourcePath: String?)]
    /// nil → not run.
    public var parityDiff: JSONValue?
    public var paritySummary: JSONValue?
    public var qa: [QARecord]
    /// Tool versions and the like; redacted like everything else.
    public var environment: JSONValue
    /// The plan's acceptance criteria.
    public var acceptance: [AcceptanceItem]
    /// RFC 3339.
    public var createdAt: String
    /// The gate's report as evaluated, and what its verification summary (gate.vsa.json)
    /// cites; nil when the gate was skipped.
    public var verifiedGate: (report: GateReport, context: VerificationSummary.Context)?
    /// The key id the bundle is signed with; set by `EvidenceBundle.write` from its signer.
    public internal(set) var signingKeyID: String?

    public init(dependency: String, fromVersion: String, toVersion: String,
                baseBranch: String, baseCommit: String, rolloutBranch: String,
                gate: JSONValue, gateOverride: String? = nil, manifestsDiff: String,
                contracts: JSONValue? = nil, contractsJUnit: String? = nil,
                captures: [(name: String, sourcePath: String?)] = [],
                parityDiff: JSONValue? = nil, paritySummary: JSONValue? = nil,
                qa: [QARecord] = [], environment: JSONValue = .object(JSONObject()),
                acceptance: [AcceptanceItem] = [], createdAt: String) {
        self.dependency = dependency
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.baseBranch = baseBranch
        self.baseCommit = baseCommit
        self.rolloutBranch = rolloutBranch
        self.gate = gate
        self.gateOverride = gateOverride
        self.manifestsDiff = manifestsDiff
        self.contracts = contracts
        self.contractsJUnit = contractsJUnit
        self.captures = captures
        self.parityDiff = parityDiff
        self.paritySummary = paritySummary
        self.qa = qa
        self.environment = environment
        self.acceptance = acceptance
        self.createdAt = createdAt
    }
}

/// One QA command as it ran.
public struct QARecord: Sendable, Equatable, Codable {
    public var command: String
    /// nil when the command ended without an exit status (killed, or cut off by the timeout).
    public var exitCode: Int32?
    public var durationSeconds: Double
    public var timedOut: Bool
    /// A log already written inside the bundle's `qa/` folder, relative to the bundle.
    public var logPath: String

    /// The rollout state's spelling, the same as qa.json's.
    enum CodingKeys: String, CodingKey {
        case command, exitCode = "exit_code", durationSeconds = "duration_seconds", timedOut = "timed_out", logPath = "log"
    }

    public init(command: String, exitCode: Int32?, durationSeconds: Double, timedOut: Bool, logPath: String) {
        self.command = command
        self.exitCode = exitCode
        self.durationSeconds = durationSeconds
        self.timedOut = timedOut
        self.logPath = logPath
    }

    /// Only a zero exit within the time limit is a pass.
    public var passed: Bool { exitCode == 0 && !timedOut }

    /// "pass", "fail", "timeout" or "incomplete" (no exit status and no timeout: killed).
    public var status: String {
        if timedOut { return "timeout" }
        guard let exitCode else { return "incomplete" }
        return exitCode == 0 ? "pass" : "fail"
    }
}

/// One acceptance criterion of the plan (`<!-- accept:ID -->`).
public struct AcceptanceItem: Sendable, Equatable {
    public var id: String
    public var title: String
    public var holds: Bool
    /// Bundle-relative files that prove it.
    public var evidence: [String]

    public init(id: String, title: String, holds: Bool, evidence: [String]) {
        self.id = id
        self.title = title
        self.holds = holds
        self.evidence = evidence
    }
}
