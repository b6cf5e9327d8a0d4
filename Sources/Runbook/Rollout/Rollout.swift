import Checks
import Foundation
import Usage
import Support
import Git

/// branch → bump manifests → refresh lockfiles → contract suite → captures → parity suite →
/// QA → evidence bundle → PLAN.md → commit, through libgit2 and the real cargo. Every step is
/// recorded under `.git/gatekeeper/`, so a failed or killed rollout resumes where it stopped;
/// the branch it started from is never changed.
public final class Rollout {
    let request: RolloutRequest
    let observer: RedactingObserver
    let repo: GitRepository
    let root: String
    let gate: GateConfig
    let branch: String
    let evidenceDir: String
    let statePath: String
    let workDir: String
    var state: RolloutState!
    /// Captures parsed by the capture step, by file, so the parity step does not parse them again.
    var readCaptures: [String: RunCapture] = [:]

    public init(request: RolloutRequest, observer: RolloutObserver) throws {
        self.request = request
        self.observer = RedactingObserver(inner: observer, redactor: request.redactor)
        do {
            repo = try GitRepository.discover(from: request.repoPath)
        } catch {
            throw RolloutError("\(request.repoPath): not in a git repository (\(error))")
        }
        root = try repo.workdirPath
        let gate = try Self.pickGate(request.config, id: request.gateID)
        self.gate = gate
        let from = "\(gate.dependency)-\(request.version)"
        let expand = { (template: String) in
            template.replacingOccurrences(of: "{dependency}", with: gate.dependency)
                .replacingOccurrences(of: "{version}", with: request.version.description)
        }
        branch = expand(request.config.rollout.branch)
        guard repo.isValidBranchName(branch) else { throw RolloutError("[rollout] branch: \"\(branch)\" is not a valid branch name") }
        evidenceDir = expand(request.config.rollout.evidenceDir)
        guard !evidenceDir.hasPrefix("/"), !evidenceDir.split(separator: "/").contains(".."), !evidenceDir.isEmpty else {
            throw RolloutError("[rollout] evidence_dir: \"\(evidenceDir)\" must be a folder inside the repository")
        }
        statePath = RolloutState.path(gitDir: repo.path, dependency: gate.dependency, version: request.version.description)
        workDir = ((repo.path as NSString).appendingPathComponent("gatekeeper/work") as NSString).appendingPathComponent(from)
    }

    static func pickGate(_ config: GatekeeperConfig, id: String?) throws -> GateConfig {
        if let id {
            guard let gate = config.gates.first(where: { $0.id == id }) else {
                throw RolloutError("no gate \"\(id)\" in \(config.file) (gates: \(config.gates.map(\.id).joined(separator: ", ")))")
            }
            return gate
        }
        guard config.gates.count == 1, let only = config.gates.first else {
            throw RolloutError("\(config.file) has \(config.gates.count) gates; say which with --gate (\(config.gates.map(\.id).joined(separator: ", ")))")
        }
        return only
    }

    var abs: (String) -> String { { (self.root as NSString).appendingPathComponent($0) } }

    public func run() throws -> RolloutOutcome {
        // Output held back as a possible start of a secret is shown when nothing more can come.
        defer { observer.flush() }
        let existing = try RolloutState.load(statePath)
        if let existing, existing.status == .completed, !request.resume {
            if try repo.branchExists(existing.branch) {
                state = existing
                if request.push || request.openPR { return try publish(afterCommit: existing.commit ?? "") }
                return .nothingToDo(branch: existing.branch, commit: existing.commit)
            }
        }
        if request.resume {
            guard let existing, existing.status != .completed else {
                throw RolloutError("nothing to resume for \(gate.dependency) \(request.version): no unfinished rollout is recorded")
            }
            state = existing
            try checkClean(allowRolloutFiles: true)
            try checkWritesStayInside(recorded: existing)
            if try repo.branchExists(existing.branch) {
                if try repo.currentBranch() != existing.branch { try repo.checkoutBranch(existing.branch) }
                try takeBackWorkInProgress()
            } else if existing.done.contains(.branch) {
                throw RolloutError("branch \(existing.branch) of the recorded rollout is gone; start over without --resume")
            }
            // Recorded state is a cache: what the tree no longer holds is done again.
            try forgetStepsUndoneInTheTree()
        } else {
            if let existing, existing.status != .completed, try repo.branchExists(existing.branch) {
                throw RolloutError("a rollout of \(gate.dependency) \(request.version) stopped at \(existing.nextStep?.title ?? "the end") (\(existing.failure ?? "interrupted")); continue it with --resume")
            }
            try checkClean(allowRolloutFiles: false)
            try checkIndexUnlocked()
            guard let base = try repo.currentBranch() else {
                throw RolloutError("HEAD is detached; check out the branch the rollout should start from")
            }
            if try repo.branchExists(branch) {
                throw RolloutError("branch \(branch) already exists; delete it, or continue a recorded rollout with --resume")
            }
            try checkWritesStayInside(recorded: nil)
            try checkTools()
            let pins = try PinnedVersion.read(dependency: gate.dependency, manifests: gate.manifests, repo: root)
            guard request.version > pins.version else {
                throw RolloutError("\(request.version) is not above the pinned \(pins.version)")
            }
            let gateReport = try evaluateGate()
            if let gateReport, !gateReport.open { return .gateClosed(reasons: gateReport.reasons) }
            if request.dryRun { return try dryRunPlan(from: pins.version) }
            state = RolloutState(dependency: gate.dependency, from: pins.version.description, to: request.version.description,
                                 branch: branch, baseBranch: base, baseCommit: try repo.resolve("HEAD").hex,
                                 evidenceDir: evidenceDir, startedAt: Self.timestamp())
            state.gate = gateReport
            state.gateOverride = request.skipGateReason
            try state.save(statePath)
        }
        let lock = try RolloutLock(directory: (repo.path as NSString).appendingPathComponent("gatekeeper"))
        defer { lock.release() }
        state.status = .running
        state.failure = nil
        try state.save(statePath)

        while let step = state.nextStep {
            Self.failpoint(.before, step)
            observer.stepStarted(step, detail: "")
            let started = Date()
            let result: StepResult
            do {
                result = try perform(step)
            } catch {
                result = .failed("\(error)")
            }
            Self.failpoint(.unrecorded, step)
            let seconds = Date().timeIntervalSince(started)
            switch result {
            case .ok(let detail), .notRun(let detail):
                state.done.append(step)
                if case .notRun = result { state.notRun.append(step) }
                try state.save(statePath)
                Self.failpoint(.recorded, step)
                observer.stepFinished(step, status: { if case .notRun = result { return .notRun } else { return .ok } }(), detail: detail, seconds: seconds)
            case .failed(let raw):
                // The message lands in the state file, the evidence and the console.
                let message = request.redactor.redact(raw)
                state.status = .failed
                state.failure = "\(step.title): \(message)"
                try state.save(statePath)
                observer.stepFinished(step, status: .failed, detail: message, seconds: seconds)
                // What was gathered so far, failure logs included, stays reviewable on the branch.
                if step != .evidence && step != .commit { _ = try? writeEvidence() }
                setWorkAside(stoppedAt: step)
                return .failed(step: step, message: message, evidenceDir: evidenceDir)
            }
        }
        state.status = .completed
        try state.save(statePath)
        return try publish(afterCommit: state.commit ?? "")
    }

    enum StepResult {
        case ok(String)
        case notRun(String)
        case failed(String)
    }

    /// The files the bump changes under version control: the manifests and their lockfiles. A
    /// lockfile the project keeps out of git (a library's) is refreshed but not committed.
    var dependencyFiles: [String] {
        get throws {
            var files = gate.manifests
            for lockfile in Lockfiles.plan(manifests: gate.manifests, repoRoot: root).map(\.lockfile) where !files.contains(lockfile) {
                if try !repo.isIgnored(lockfile) { files.append(lockfile) }
            }
            return files
        }
    }

    /// Every file a rollout changes besides its evidence folder. Derived, not recorded, so a
    /// step killed after its work but before it was recorded is still covered on resume.
    var rolloutFiles: [String] {
        get throws { try dependencyFiles + [request.config.rollout.plan] }
    }

    /// The commit the rollout started from (checked when the state was made or loaded).
    var baseCommitID: GitObjectID {
        get throws {
            guard let id = GitObjectID(hex: state.baseCommit) else { throw RolloutError("\(statePath): \"base_commit\" is not a commit id") }
            return id
        }
    }

    /// The dependency files from the base commit to what is on disk now, as one unified diff.
    func manifestsDiff() throws -> String {
        let base = try baseCommitID
        var diff = ""
        for file in try dependencyFiles {
            let old = try repo.fileText(at: base, path: file, maxBytes: 64 << 20) ?? ""
            let new = (try? String(contentsOfFile: abs(file), encoding: .utf8)) ?? ""
            diff += try GitRepository.unifiedDiff(path: file, old: old, new: new)
        }
        return diff
    }

    /// The tree must be clean: a rollout never mixes its changes with someone's work in progress.
    /// On resume, the rollout's own uncommitted files are expected.
    func checkClean(allowRolloutFiles: Bool) throws {
        var dirty = try repo.status()
        if allowRolloutFiles {
            let ours = Set(try rolloutFiles)
            dirty = dirty.filter { !ours.contains($0.path) && !$0.path.hasPrefix(evidenceDir + "/") && $0.path != evidenceDir }
        }
        guard dirty.isEmpty else {
            let shown = dirty.prefix(10).map { "\($0.path) (\($0.state))" }.joined(separator: ", ")
            throw RolloutError("the working tree is not clean: \(shown)\(dirty.count > 10 ? " and \(dirty.count - 10) more" : ""); commit or stash first")
        }
    }

    /// Another git process holds the index: creating the branch would work, checking it out
    /// would not, and a half-started rollout would be left behind. Refuse before anything.
    func checkIndexUnlocked() throws {
        let lock = (repo.path as NSString).appendingPathComponent("index.lock")
        if FileManager.default.fileExists(atPath: lock) {
            throw RolloutError(repo.indexLockedMessage)
        }
    }

    /// cargo must be there before anything changes, when the lockfile command needs it.
    func checkTools() throws {
        guard !Lockfiles.plan(manifests: gate.manifests, repoRoot: root).isEmpty else { return }
        do {
            try LockfileRefresher.preflight(template: request.config.rollout.lockfile, environment: request.environment, repoRoot: root)
        } catch {
            throw RolloutError("\(error)")
        }
    }

    /// Re-evaluates the gate for this version exactly as `check --version X` does; nil when
    /// `--skip-gate` skips it.
    func evaluateGate() throws -> GateReport? {
        if let reason = request.skipGateReason {
            observer.note("gate skipped: \(reason)")
            return nil
        }
        var config = request.config
        config.gates = [gate]
        let options = CheckOptions(repo: root, cacheDirectory: request.cacheDirectory, requestedVersion: request.version,
                                   userAgent: request.userAgent)
        let report = try GateChecker(config: config, options: options).run()
        guard let gateReport = report.gates.first else { throw RolloutError("the gate was not evaluated") }
        return gateReport
    }

    /// Where a test may kill the rollout around a step: before it starts, after its work but
    /// before it is recorded (the worst moment: the files moved, the state does not know), and
    /// right after it is recorded.
    enum FailpointPosition: String { case before, unrecorded, recorded }

    /// Test hook for the reliability suite (Tests/GatekeeperTests/ReliabilityTests.swift,
    /// docs/RELIABILITY.md): with GATEKEEPER_FAILPOINT=<position>:<step> in the environment
    /// (position before, unrecorded or recorded; step a RolloutStep raw value), the process
    /// sends itself SIGKILL there, as a crash or `kill -9` would, so `--resume` can be proven
    /// from every point. Unset: no effect.
    static func failpoint(_ position: FailpointPosition, _ step: RolloutStep) {
        guard let wanted = ProcessInfo.processInfo.environment["GATEKEEPER_FAILPOINT"],
              wanted == "\(position.rawValue):\(step.rawValue)" else { return }
        kill(getpid(), SIGKILL)
    }

    static func timestamp(_ date: Date = Date()) -> String {
        UTCTimestamp.string(date)
    }
}
