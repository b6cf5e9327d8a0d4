import Checks
import Foundation
import Usage
import Support
import TOML
import Cargo

/// The rollout's one claim about the work tree — every manifest requires the new version with
/// its original operator, every lockfile records it — made true in cargo's order and checked
/// from the files themselves whenever it is relied on: on resume, before the commit, for the
/// plan's boxes and the acceptance criteria. The state file only remembers what was done.
extension Rollout {
    /// "table.key" → the requirement each declaration of the dependency must end with: the
    /// base commit's requirement moved to the new version, its operator kept.
    func finalRequirements(_ manifest: String) throws -> [String: String] {
        guard let base = try repo.fileText(at: try baseCommitID, path: manifest, maxBytes: 16 << 20) else {
            throw RolloutError("\(manifest): not in the commit the rollout started from (\(state.baseCommit.prefix(7)))")
        }
        let edit = try ManifestEditor.bump(base, file: manifest, dependency: gate.dependency, to: request.version)
        var out: [String: String] = [:]
        for declaration in try declarations(in: edit.after, file: manifest) {
            if let requirement = declaration.requirement { out["\(declaration.table).\(declaration.key)"] = requirement.text }
        }
        return out
    }

    func declarations(in text: String, file: String) throws -> [DependencyDeclaration] {
        try ManifestDependencies.find(gate.dependency, in: try TOMLReader.parse(text, file: file), file: file)
    }

    /// Writes every manifest's requirements: `=X` while cargo locks X (so nothing newer can be
    /// chosen, whatever else is published), else the final ones. Returns what moved.
    @discardableResult
    func writeRequirements(exact: Bool) throws -> [String] {
        var moved: [String] = []
        for manifest in gate.manifests {
            let final = try finalRequirements(manifest)
            let path = abs(manifest)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let version = request.version
            let edit = try ManifestEditor.rewrite(text, file: manifest, dependency: gate.dependency, accepting: version) { declaration, requirement in
                exact ? "=\(version)" : final["\(declaration.table).\(declaration.key)"] ?? requirement.bumped(to: version)
            }
            if edit.after != edit.before { try AtomicFile.write(edit.after, to: path) }
            moved += edit.changes.map { "\(manifest):\($0.line) \($0.from) → \($0.to)" }
        }
        return moved
    }

    /// What in the work tree is not at the new version, one line per file; empty when every
    /// manifest requires it (with its operator) and every lockfile records it.
    func treeProblems() throws -> (manifests: [String], lockfiles: [String]) {
        var manifests: [String] = []
        for manifest in gate.manifests {
            guard let text = try? String(contentsOfFile: abs(manifest), encoding: .utf8) else {
                manifests.append("\(manifest): missing from the work tree")
                continue
            }
            let final = try finalRequirements(manifest)
            for declaration in try declarations(in: text, file: manifest) {
                guard let requirement = declaration.requirement, let want = final["\(declaration.table).\(declaration.key)"] else { continue }
                if requirement.text != want {
                    manifests.append("\(manifest):\(declaration.line): \(declaration.key) requires \"\(requirement.text)\", not \"\(want)\"")
                }
            }
        }
        var lockfiles: [String] = []
        for plan in Lockfiles.plan(manifests: gate.manifests, repoRoot: root) where !lockfiles.contains(where: { $0.hasPrefix(plan.lockfile + ":") }) {
            guard let text = try? String(contentsOfFile: abs(plan.lockfile), encoding: .utf8) else {
                lockfiles.append("\(plan.lockfile): missing from the work tree")
                continue
            }
            let versions = try CargoLock(text: text, file: plan.lockfile).versions(of: gate.dependency).compactMap { try? SemVer($0.version) }
            if !versions.contains(request.version) {
                lockfiles.append("\(plan.lockfile): records \(gate.dependency) \(versions.map(\.description).joined(separator: ", ")), not \(request.version)")
            } else if let stale = versions.first(where: { $0 != request.version && LockfileRefresher.compatible($0, request.version) }) {
                lockfiles.append("\(plan.lockfile): still records \(gate.dependency) \(stale) beside \(request.version)")
            }
        }
        return (manifests, lockfiles.sorted())
    }

    /// True when the tree is at the new version, for the plan's boxes and the acceptance criteria.
    var treeAtVersion: Bool {
        guard let problems = try? treeProblems() else { return false }
        return problems.manifests.isEmpty && problems.lockfiles.isEmpty
    }

    /// On resume: a step whose result is gone from the tree (the manifests or lockfiles put back
    /// by hand) is done again, with every step after it.
    func forgetStepsUndoneInTheTree() throws {
        let problems = try treeProblems()
        var from: RolloutStep? = nil
        if state.done.contains(.bump), !problems.manifests.isEmpty { from = .bump }
        else if state.done.contains(.lockfiles), !state.notRun.contains(.lockfiles), !problems.lockfiles.isEmpty { from = .lockfiles }
        guard let from, let index = RolloutStep.allCases.firstIndex(of: from) else { return }
        let redo = Set(RolloutStep.allCases[index...])
        state.done.removeAll { redo.contains($0) }
        state.notRun.removeAll { redo.contains($0) }
        // Said whatever the verbosity: the resume does more than it was asked to, for a reason.
        observer.output("\(from.title) is done again: \((problems.manifests + problems.lockfiles).first ?? "the tree changed")", source: "resume")
    }

    /// cargo itself must accept every lockfile with the manifests as they now are, without
    /// touching the network or the lockfile. Skipped (said) when the lockfile command is not cargo's.
    func confirmWithCargo(_ plans: [LockfilePlan]) throws -> String {
        let environment = ProcessInfo.processInfo.environment.merging(request.environment) { _, given in given }
        guard LockfileCommand.find("cargo", path: environment["PATH"] ?? "", relativeTo: root) != nil else {
            return "not confirmed by cargo (cargo is not on PATH)"
        }
        var seen = Set<String>()
        let distinct = plans.filter { seen.insert($0.lockfile).inserted }
        // Each lockfile is cargo's own resolution, independent of the others: confirmed side by side.
        let root = self.root
        let outcomes = Parallel.map(distinct) { plan -> String? in
            let command = "cargo metadata --locked --offline --format-version 1 --manifest-path \(ShellWord.quoted(plan.manifest)) >/dev/null"
            let collected = CollectedLines()
            let outcome = try ShellCommand(command, in: root, environment: environment, timeoutSeconds: 600).run { collected.append($0) }
            guard outcome.succeeded else {
                let why = LockfileRefresher.headline(of: LockfileRefresher.lastLines(of: collected.text, count: 20)) ?? "exit \(outcome.exitCode ?? -1)"
                return "\(plan.lockfile): cargo does not accept it with the manifests (`\(command)`): \(why)"
            }
            return nil
        }
        for outcome in outcomes {
            if let refusal = try outcome.get() { throw RolloutError(refusal) }
        }
        return "cargo accepts \(seen.sorted().joined(separator: ", ")) with the manifests (--locked --offline)"
    }
}
