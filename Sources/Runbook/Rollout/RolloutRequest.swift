import Checks
import Foundation
import Support
import Cargo

/// Everything `gatekeeper rollout` was asked to do.
public struct RolloutRequest: Sendable {
    public var repoPath: String
    public var config: GatekeeperConfig
    /// Which `[[gate]]` (by id) when the config has several.
    public var gateID: String?
    public var version: SemVer
    public var dryRun = false
    public var resume = false
    /// `--skip-gate --reason TEXT`: roll out without an open gate; recorded in the evidence.
    public var skipGateReason: String?
    /// `--capture NAME=PATH`: captures that exist already, instead of running the command.
    public var captureOverrides: [(name: String, path: String)] = []
    public var jobs = 1
    public var push = false
    public var openPR = false
    /// With openPR: link the pull request on the waiting dashboard's issue (closing it when
    /// nothing else waits).
    public var dashboard = false
    public var cacheDirectory: String
    public var userAgent: String
    public var environment: [String: String]
    /// Versions of the tools at work, for environment.json.
    public var toolVersions: [(String, String)] = []
    /// Signs the evidence's statements when given.
    public var signingKey: LoadedSigningKey?

    /// The one redactor of a rollout: secret-named environment variables and the signing key.
    public var redactor: SecretRedactor {
        SecretRedactor(environment: environment, also: signingKey.map { [$0.secret] } ?? [])
    }

    public init(repoPath: String, config: GatekeeperConfig, version: SemVer, cacheDirectory: String, userAgent: String,
                environment: [String: String]) {
        self.repoPath = repoPath
        self.config = config
        self.version = version
        self.cacheDirectory = cacheDirectory
        self.userAgent = userAgent
        self.environment = environment
    }
}

public enum RolloutOutcome: Sendable {
    case completed(commit: String, branch: String, evidenceDir: String, pullRequest: PullRequest?)
    case nothingToDo(branch: String, commit: String?)
    case dryRun(plan: [String], diff: String)
    case gateClosed(reasons: [String])
    case failed(step: RolloutStep, message: String, evidenceDir: String)
}

/// A rollout that cannot start or go on: exit 2, one line, nothing changed by this attempt.
public struct RolloutError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
