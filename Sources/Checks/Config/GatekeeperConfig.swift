import Foundation
import Support
import TOML
import Cargo

/// A criterion the gate must prove: one regex match in the evidence is a pass.
public struct CriterionSpec: Sendable, Equatable {
    public let id: String
    public let title: String
    public let patterns: [String]
    /// Lower-case words of which every pattern needs one (case-insensitively): a claim with none
    /// of them cannot match, so its patterns are not run. Empty: no such shortcut.
    public let keywords: [String]

    public init(id: String, title: String, patterns: [String], keywords: [String] = []) {
        self.id = id
        self.title = title
        self.patterns = patterns
        self.keywords = keywords
    }
}

/// One `[[gate]]`.
public struct GateConfig: Sendable, Equatable {
    public var id: String
    public var dependency: String
    public var manifests: [String]
    public var index: String
    public var upstream: String?
    public var fixCommit: String?
    public var preset: String?
    /// Overrides the version read from the manifests.
    public var after: SemVer?
    public var allowPrerelease: Bool
    /// Lets the candidate cross the pin's compatibility boundary (0.1.x → 0.2.0).
    public var allowIncompatible: Bool = false
    public var minReleaseAge: ConfigDuration?
    /// Compare the candidate package with its vcs commit's tree (when `upstream` is set). Off is
    /// recorded as "not checked", never as a pass.
    public var verifySources: Bool = true
    /// The preset's criteria with `[[gate.criteria]]` added or replacing by id.
    public var criteria: [CriterionSpec]

    public static let defaultIndex = "https://index.crates.io/"

    /// What `index` may name: a sparse index over https or http, or a local one (file://).
    public static func isIndexURL(_ url: String) -> Bool {
        ["https://", "http://", "file://"].contains(where: url.hasPrefix)
    }
}

public struct RolloutConfig: Sendable, Equatable {
    public var branch = "deps/{dependency}-{version}"
    public var evidenceDir = "data/evidence/{dependency}-{version}"
    public var plan = "PLAN.md"
    public var qa: [String] = []
    public var qaTimeout = ConfigDuration("30m")!
    public var lockfile = "cargo update --manifest-path {manifest} --package {dependency} --precise {version}"
    public var captures: [(name: String, command: String)] = []
    /// A folder of the repository's own contract cases.
    public var contracts: String?
    public var remote = "origin"
    public var githubAPI = "https://api.github.com"
    /// "owner/name" of the pull request's repository, when the remote's URL does not say it.
    public var githubRepository: String?

    public init() {}

    public static func == (a: RolloutConfig, b: RolloutConfig) -> Bool {
        a.branch == b.branch && a.evidenceDir == b.evidenceDir && a.plan == b.plan && a.qa == b.qa
            && a.qaTimeout == b.qaTimeout && a.lockfile == b.lockfile && a.contracts == b.contracts
            && a.remote == b.remote && a.githubAPI == b.githubAPI && a.githubRepository == b.githubRepository
            && a.captures.map(\.name) == b.captures.map(\.name) && a.captures.map(\.command) == b.captures.map(\.command)
    }
}

/// `[evidence]`: where the key that signs evidence comes from. Only a variable's *name* is
/// configured; the key itself never sits in a committed file.
public struct EvidenceConfig: Sendable, Equatable {
    public static let defaultSigningKeyEnv = "GATEKEEPER_SIGNING_KEY"
    public var signingKeyEnv = EvidenceConfig.defaultSigningKeyEnv

    public init() {}
}

public struct HTTPConfig: Sendable, Equatable {
    /// Who to contact about the traffic, put in the User-Agent (crates.io asks crawlers for one).
    public var contact: String?
    /// Requests per second to one host; nil for no limit.
    public var rate: Double?
    public var timeout = ConfigDuration("30s")!
    public var retries = 4
    /// Transfers in flight at once (index files, packages).
    public var concurrency = 32

    public init() {}
}

/// `gatekeeper.toml`.
public struct GatekeeperConfig: Sendable, Equatable {
    public var gates: [GateConfig]
    public var rollout: RolloutConfig
    public var http: HTTPConfig
    public var evidence = EvidenceConfig()
    public let file: String
    /// SHA-256 of the text this config was parsed from: the policy an attestation cites is the
    /// one that was applied, not whatever the file holds when the attestation is written.
    public var sha256 = ""

    public static func load(file: String) throws -> GatekeeperConfig {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: file) ? "cannot read it as UTF-8 text" : "no such file (gatekeeper init writes a starter one)"
            throw ConfigError(file: file, line: nil, message: reason)
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> GatekeeperConfig {
        let document = try TOMLReader.parse(text, file: file)
        let root = ConfigTable(table: document, path: "", file: file, line: nil)
        try root.rejectUnknown(["gate", "rollout", "http", "evidence"])
        // Read before the gates, so a secret in either table is named even in a file with none.
        let rollout = try root.table("rollout").map(RolloutConfigReader.read) ?? RolloutConfig()
        let http = try root.table("http").map(HTTPConfigReader.read) ?? HTTPConfig()
        let evidence = try root.table("evidence").map(EvidenceConfigReader.read) ?? EvidenceConfig()
        let gateTables = try root.tables("gate")
        guard !gateTables.isEmpty else { throw ConfigError(file: file, line: nil, message: "no [[gate]]: say which dependency to wait for") }
        let gates = try gateTables.map(GateConfigReader.read)
        var seen = Set<String>()
        for (gate, table) in zip(gates, gateTables) where !seen.insert(gate.id).inserted {
            throw table.fail("id", "\"\(gate.id)\" names two gates; give each an id")
        }
        return GatekeeperConfig(
            gates: gates,
            rollout: rollout,
            http: http,
            evidence: evidence,
            file: file,
            sha256: SHA256Hex.of(Array(text.utf8)))
    }
}
