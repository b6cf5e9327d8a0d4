import Checks
import Foundation
import Usage
import Support
import Git
import Cargo

extension Rollout {
    /// Writes the bundle from what the state holds; parts not reached are recorded as not run.
    @discardableResult
    func writeEvidence() throws -> [String] {
        try checkEvidenceFolderPath()
        let planText = (try? String(contentsOfFile: abs(request.config.rollout.plan), encoding: .utf8)) ?? ""
        var input = EvidenceInput(
            dependency: gate.dependency, fromVersion: state.from, toVersion: state.to,
            baseBranch: state.baseBranch, baseCommit: state.baseCommit, rolloutBranch: state.branch,
            gate: state.gate?.json ?? ["skipped": .bool(true), "reason": .string(state.gateOverride ?? "")], gateOverride: state.gateOverride, manifestsDiff: try manifestsDiff(),
            contracts: state.contracts.isNull ? nil : state.contracts, contractsJUnit: state.contractsJUnit,
            captures: state.captureOrder.map { ($0, state.captures[$0] ?? nil) },
            parityDiff: state.parityDiff.isNull ? nil : state.parityDiff,
            paritySummary: state.paritySummary.isNull ? nil : state.paritySummary,
            qa: state.qa,
            environment: environmentJSON(),
            acceptance: AcceptanceCriteria.evaluate(state: state, plan: planText, treeAtVersion: treeAtVersion),
            createdAt: Self.timestamp())
        input.lockfileExtras = state.lockfileExtras
        if let report = state.gate, state.gateOverride == nil {
            let version = request.toolVersions.first { $0.0 == "gatekeeper" }?.1 ?? "unknown"
            let context = VerificationSummary.Context(policy: VerificationSummary.policy(request.config, root: root),
                                                      verifierVersion: version, timeVerified: state.startedAt)
            input.verifiedGate = (report, context)
        }
        return try EvidenceBundle.write(input, to: abs(evidenceDir), redactor: request.redactor, signer: request.signingKey?.key)
    }

    func environmentJSON() -> JSONValue {
        var environment = JSONObject(request.toolVersions.map { .init(key: $0.0, value: .string($0.1)) })
        for (key, command) in [("cargo", "cargo --version"), ("rustc", "rustc --version")] {
            let lines = CollectedLines()
            let outcome = try? ShellCommand(command, in: root, environment: request.environment, timeoutSeconds: 20).run { lines.append($0) }
            environment[key] = outcome?.succeeded == true ? .string(lines.text) : .null
        }
        var uts = utsname()
        uname(&uts)
        let field = { (t: Any) -> String in
            withUnsafeBytes(of: t) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        environment["os"] = .string("\(field(uts.sysname)) \(field(uts.release)) \(field(uts.machine))")
        environment["repository"] = .string(root)
        return .object(environment)
    }

    func dryRunPlan(from current: SemVer) throws -> RolloutOutcome {
        var diff = ""
        var plan: [String] = []
        plan.append("branch: create \(branch) from \(try repo.currentBranch() ?? "HEAD") and switch to it")
        for manifest in gate.manifests {
            let text = try String(contentsOfFile: abs(manifest), encoding: .utf8)
            let edit = try ManifestEditor.bump(text, file: manifest, dependency: gate.dependency, to: request.version)
            diff += try GitRepository.unifiedDiff(path: manifest, old: edit.before, new: edit.after)
            plan.append("bump: \(manifest): " + edit.changes.map { "\($0.table).\($0.key) \($0.from) → \($0.to)" }.joined(separator: ", "))
        }
        let locks = Lockfiles.plan(manifests: gate.manifests, repoRoot: root)
        plan.append(locks.isEmpty ? "lockfiles: none found" : "lockfiles: " + locks.map {
            // Rendered by the same code as the command that runs, quoting included.
            LockfileCommand.render(request.config.rollout.lockfile, plan: $0, dependency: gate.dependency, version: request.version)
        }.joined(separator: "; "))
        plan.append("contracts: built-in cases\(request.config.rollout.contracts.map { " + \($0)" } ?? "")")
        let captures = request.config.rollout.captures.map(\.name) + request.captureOverrides.map { "\($0.name) (given)" }
        plan.append(captures.isEmpty ? "captures: none configured (not run)" : "captures: " + captures.joined(separator: ", "))
        plan.append("parity: \(captures.count >= 2 ? "on two captures" : "not run (needs two captures)")")
        plan.append(request.config.rollout.qa.isEmpty ? "qa: none configured (not run)" : "qa: " + request.config.rollout.qa.joined(separator: "; "))
        plan.append("evidence: \(evidenceDir)")
        plan.append("plan: tick \(request.config.rollout.plan)")
        plan.append("commit: on \(branch): Bump \(gate.dependency) from \(current) to \(request.version)")
        return .dryRun(plan: plan, diff: diff)
    }
}
