import Checks
import Foundation
import Usage
import Support
import HTTP
import Git
import Cargo

extension Rollout {
    func perform(_ step: RolloutStep) throws -> StepResult {
        switch step {
        case .branch: return try createBranch()
        case .bump: return try bumpManifests()
        case .lockfiles: return try refreshLockfiles()
        case .contracts: return try runContracts()
        case .captures: return try runCaptures()
        case .parity: return try runParity()
        case .qa: return try runQA()
        case .evidence:
            let files = try writeEvidence()
            return .ok("\(files.count) files in \(evidenceDir)")
        case .plan: return try tickPlan()
        case .commit: return try commit()
        }
    }

    func createBranch() throws -> StepResult {
        if try !repo.branchExists(branch) {
            // At the recorded base: on a resume, the starting branch may have moved since.
            try repo.createBranch(branch, at: try baseCommitID)
        }
        if try repo.currentBranch() != branch {
            try repo.checkoutBranch(branch)
        }
        return .ok("\(branch) from \(state.baseBranch) at \(state.baseCommit.prefix(7))")
    }

    /// cargo's order: the manifests pin `=X` while the lockfiles are refreshed (with 0.1.2 …
    /// 0.1.9 published, a caret requirement lets cargo lock the newest), then take their final
    /// requirement. Without lockfiles, the final requirement at once.
    func bumpManifests() throws -> StepResult {
        let pinning = !Lockfiles.plan(manifests: gate.manifests, repoRoot: root).isEmpty
        let moved = try writeRequirements(exact: pinning)
        // A resumed bump finds the manifests already moved.
        return .ok(moved.isEmpty ? "already at \(request.version)" : moved.joined(separator: "; ") + (pinning ? " (pinned while cargo locks it)" : ""))
    }

    func refreshLockfiles() throws -> StepResult {
        let plans = Lockfiles.plan(manifests: gate.manifests, repoRoot: root)
        guard !plans.isEmpty else { return .notRun("no Cargo.lock beside or above the manifests") }
        try writeRequirements(exact: true)
        let results = try LockfileRefresher.refresh(plans: plans, template: request.config.rollout.lockfile, dependency: gate.dependency,
                                                    version: request.version, repoRoot: root, extraEnvironment: request.environment)
        try writeRequirements(exact: false)
        let confirmed = try confirmWithCargo(plans)
        // What cargo moved besides the dependency is cargo's doing: shown, not hidden, not a failure.
        var extras: [String] = []
        for lockfile in Set(plans.map(\.lockfile)).sorted() {
            let before = try repo.fileText(at: try baseCommitID, path: lockfile, maxBytes: 64 << 20)
                .map { try CargoLock(text: $0, file: lockfile).nameVersions } ?? []
            let after = try CargoLock(text: try String(contentsOfFile: abs(lockfile), encoding: .utf8), file: lockfile).nameVersions
            extras += Lockfiles.changes(from: before, to: after, except: gate.dependency).map { "\(lockfile): \($0)" }
        }
        state.lockfileExtras = extras
        var log = results.map { "$ \($0.command)\n\($0.output)\n(exit \($0.exitCode), \(String(format: "%.1f", $0.durationSeconds)) s)\n" }.joined(separator: "\n")
        log += "\n\(confirmed)\n"
        if !extras.isEmpty { log += "cargo also changed:\n" + extras.map { "  \($0)\n" }.joined() }
        try AtomicFile.write(log, to: (abs(evidenceDir) as NSString).appendingPathComponent("lockfiles.log"))
        let also = extras.isEmpty ? "" : "; cargo also changed \(extras.count) other package\(extras.count == 1 ? "" : "s")"
        return .ok(plans.map(\.lockfile).joined(separator: ", ") + " at \(request.version); \(confirmed)\(also)")
    }

    func runContracts() throws -> StepResult {
        var cases = try ContractSuite.builtInCases()
        if let folder = request.config.rollout.contracts {
            cases += try ContractSuite.loadCases(directory: abs(folder))
        }
        let result = ContractSuite.run(cases)
        state.contracts = result.json
        state.contractsJUnit = result.junitXML()
        for r in result.results where !r.passed {
            observer.output("FAIL \(r.contractCase.name): \(r.failure ?? "")", source: "contracts")
        }
        return result.failed == 0 ? .ok(result.summaryLine) : .failed(result.summaryLine)
    }

    func runCaptures() throws -> StepResult {
        let configured = request.config.rollout.captures
        let overrides = request.captureOverrides
        var order = configured.map(\.name)
        for o in overrides where !order.contains(o.name) { order.append(o.name) }
        state.captureOrder = order
        guard !order.isEmpty else { return .notRun("no [rollout.captures] and no --capture") }
        var failures: [String] = []
        var produced: [(name: String, file: String)] = []
        for name in order {
            let out = ((workDir as NSString).appendingPathComponent("captures") as NSString).appendingPathComponent("\(name).json")
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.createDirectory(atPath: (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var file = out
            if let given = overrides.last(where: { $0.name == name }) {
                // Read where it is: the bundle copies it once, at the evidence step.
                file = given.path.hasPrefix("/") ? given.path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(given.path)
            } else if let command = configured.first(where: { $0.name == name })?.command {
                let shell = command.replacingOccurrences(of: "{out}", with: ShellWord.quoted(out))
                let log = ((abs(evidenceDir) as NSString).appendingPathComponent("captures") as NSString).appendingPathComponent("\(name).log")
                try? FileManager.default.removeItem(atPath: log)
                let outcome = try ShellCommand(shell, in: root, environment: request.environment,
                                               timeoutSeconds: Double(request.config.rollout.qaTimeout.seconds))
                    .run(log: log) { [observer] in observer.output($0, source: "capture \(name)") }
                guard outcome.succeeded else {
                    failures.append("\(name): command \(outcome.timedOut ? "timed out" : "exited \(outcome.exitCode ?? -1)")")
                    state.captures[name] = .some(nil)
                    continue
                }
            }
            produced.append((name, file))
        }
        // Every capture is validated; they are independent, so they are read side by side.
        let results = Parallel.map(produced.map(\.file)) { try CaptureReader.read(file: $0) }
        for ((name, file), result) in zip(produced, results) {
            switch result {
            case .success(let capture):
                state.captures[name] = .some(file)
                readCaptures[file] = capture
                observer.note("capture \(name): \(capture.eventCount) events")
            case .failure(let error):
                failures.append("\(error)")
                state.captures[name] = .some(nil)
            }
        }
        return failures.isEmpty ? .ok(order.joined(separator: ", ")) : .failed(failures.joined(separator: "; "))
    }

    func runParity() throws -> StepResult {
        let available = state.captureOrder.compactMap { name in (state.captures[name] ?? nil).map { (name, $0) } }
        guard available.count >= 2 else { return .notRun("needs two captures, have \(available.count)") }
        // The plan compares the Rust path with the Python path; otherwise the first two.
        let preferred = ["rust", "python"].compactMap { n in available.first { $0.0 == n } }
        let pair = preferred.count == 2 ? preferred : Array(available.prefix(2))
        // Read once per run: the capture step already parsed them unless this is a resume.
        let sides = try pair.map { NamedCapture(name: $0.0, capture: try readCaptures[$0.1] ?? CaptureReader.read(file: $0.1)) }
        let report = ParitySuite.compare(sides[0], sides[1])
        state.parityDiff = report.diffJSON
        state.paritySummary = report.summaryJSON(generatedAt: Self.timestamp())
        for v in report.violations { observer.output("\(v.kind.rawValue) \(v)", source: "parity") }
        return report.aligned ? .ok("\(sides[0].name) and \(sides[1].name) aligned") : .failed("drift: \(report.violations.map(\.description).joined(separator: "; "))")
    }

    func runQA() throws -> StepResult {
        let commands = request.config.rollout.qa
        guard !commands.isEmpty else { return .notRun("no [rollout] qa commands") }
        let outcomes = try QARunner.run(commands, repoRoot: root, evidenceDir: abs(evidenceDir), jobs: request.jobs,
                                        timeoutSeconds: Double(request.config.rollout.qaTimeout.seconds),
                                        environment: request.environment, observer: observer)
        state.qa = outcomes
        let failed = outcomes.filter { !$0.passed }
        guard failed.isEmpty else {
            return .failed(failed.map { "\($0.command) \($0.timedOut ? "timed out" : "exited \($0.exitCode ?? -1)") (log: \(evidenceDir)/\($0.logPath))" }.joined(separator: "; "))
        }
        return .ok("\(outcomes.count) command\(outcomes.count == 1 ? "" : "s") passed")
    }

    func tickPlan() throws -> StepResult {
        let plan = request.config.rollout.plan
        let path = abs(plan)
        guard var text = try? String(contentsOfFile: path, encoding: .utf8) else { return .notRun("no \(plan)") }
        let atVersion = treeAtVersion
        let acceptance = AcceptanceCriteria.evaluate(state: state, plan: text, treeAtVersion: atVersion)
        var proven = Set(state.done.filter { !state.notRun.contains($0) }.compactMap(\.planMarker))
        proven.insert("step:evidence")
        // bump covers manifests and lockfiles, as the work tree holds them now, not as recorded.
        if !state.done.contains(.bump) || !atVersion { proven.remove("step:bump") } else { proven.insert("step:bump") }
        for item in acceptance where item.holds { proven.insert("accept:\(item.id)") }
        // The gate was re-proven for this version: its boxes hold too (not when it was skipped).
        if state.gateOpen {
            for id in state.gateProven { proven.insert("gate:\(id)") }
        }
        let replaced = PlanMarkers.replacing("NEW_VERSION", with: request.version.description, in: text)
        if let replaced { text = replaced }
        let (ticked, lines) = PlanMarkers.tick(text, proven: proven)
        guard replaced != nil || !lines.isEmpty else { return .ok("nothing to tick") }
        try AtomicFile.write(ticked, to: path)
        return .ok("ticked \(lines.count) line\(lines.count == 1 ? "" : "s")\(replaced != nil ? ", NEW_VERSION → \(request.version)" : "")")
    }

    func commit() throws -> StepResult {
        // The commit says the manifests and lockfiles moved: true of the tree now, or no commit.
        let problems = try treeProblems()
        guard problems.manifests.isEmpty, problems.lockfiles.isEmpty else {
            return .failed("the work tree is not at \(request.version): \((problems.manifests + problems.lockfiles).joined(separator: "; ")); --resume does the bump again")
        }
        let fm = FileManager.default
        try repo.stage(try rolloutFiles.filter { fm.fileExists(atPath: abs($0)) })
        // A project's .gitignore (*.log, data/) must not drop files of the bundle.
        try repo.stage([evidenceDir], includingIgnored: true)
        // Every value goes through the one sanitiser: none can add a line (a forged trailer).
        let message = try GitRepository.prettified(PrintableText.compose("""
            Bump \(gate.dependency) from \(state.from) to \(state.to)

            Release-gated rollout by gatekeeper: manifests and lockfiles moved to \(state.to),
            contract, parity and QA results recorded.

            Evidence: \(evidenceDir) (check it with `gatekeeper evidence verify \(evidenceDir)`)

            """))
        // Killed after committing but before recording it: the commit is there, nothing is left to stage.
        let head = try repo.commit(repo.resolve("HEAD"))
        if head.parents.map(\.hex) == [state.baseCommit], head.message == message, try repo.status().isEmpty {
            state.commit = head.id.hex
            return .ok("\(head.id.short) on \(branch) (committed before the interruption)")
        }
        let author = try repo.signature(environment: request.environment, time: Int64(Date().timeIntervalSince1970))
        let id = try repo.commitIndex(message: message, author: author)
        state.commit = id.hex
        return .ok("\(id.short) on \(branch)")
    }

    /// Pushes and opens the pull request when asked, once the commit exists.
    func publish(afterCommit commit: String) throws -> RolloutOutcome {
        var pr: PullRequest? = nil
        if request.push || request.openPR {
            try repo.push(branch: state.branch, remote: request.config.rollout.remote, token: GitHubTarget.token(request.environment))
            observer.note("pushed \(state.branch) to \(request.config.rollout.remote)")
            if request.openPR {
                let github = try GitHubTarget.resolve(config: request.config, remoteURL: { try repo.remoteURL(request.config.rollout.remote) },
                                                      environment: request.environment,
                                                      userAgent: request.userAgent, flag: "--open-pr")
                let body = try String(contentsOfFile: (abs(state.evidenceDir) as NSString).appendingPathComponent("PR.md"), encoding: .utf8)
                let title = body.split(separator: "\n").first.map { String($0.drop { $0 == "#" || $0 == " " }) } ?? "Bump \(gate.dependency)"
                let opened = try github.client.openOrUpdatePullRequest(repo: github.repository, head: state.branch, base: state.baseBranch, title: title, body: body)
                pr = opened
                if request.dashboard { closeDashboard(for: opened, github: github) }
            }
        }
        return .completed(commit: commit, branch: state.branch, evidenceDir: state.evidenceDir, pullRequest: pr)
    }

    /// The pull request is open whatever the dashboard says: a failure here is a note, not a
    /// failed rollout.
    func closeDashboard(for pullRequest: PullRequest, github: GitHubTarget) {
        do {
            if let outcome = try WaitingDashboard.rolledOut(gate: gate.id, version: request.version.description, pullRequest: pullRequest, target: github) {
                observer.output(outcome.summary, source: "dashboard")
            }
        } catch {
            observer.output("not updated: \(PrintableText.line("\(error)"))", source: "dashboard")
        }
    }

}
