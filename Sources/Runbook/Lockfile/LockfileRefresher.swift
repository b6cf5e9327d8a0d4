import Support
import Checks
import Foundation
import Cargo

/// Refreshes lockfiles after a manifest bump with the project's own command (by default
/// `cargo update --precise`), then proves each lockfile records the new version.
public enum LockfileRefresher {
    public static let cargoMissingMessage = "cargo is not on PATH; install Rust's cargo or set [rollout] lockfile"

    /// Runs the `[rollout] lockfile` template once per lockfile (placeholders {manifest},
    /// {dependency}, {version}, {lockfile}; `/bin/sh -c` in the repository root, the environment
    /// inherited plus `extraEnvironment`), then checks the lockfile records `version` for the
    /// dependency and no longer records the version it replaced. Stops at the first failure.
    public static func refresh(plans: [LockfilePlan], template: String, dependency: String, version: SemVer, repoRoot: String,
                               extraEnvironment: [String: String] = [:], timeoutSeconds: Double? = 600) throws -> [CommandResult] {
        let environment = ProcessInfo.processInfo.environment.merging(extraEnvironment) { _, extra in extra }
        let root = RepoPath(root: repoRoot)
        try preflight(template: template, environment: environment, repoRoot: repoRoot)
        var results: [CommandResult] = []
        for plan in plans {
            let command = LockfileCommand.render(template, plan: plan, dependency: dependency, version: version)
            let before = try versions(of: dependency, in: plan.lockfile, root: root, results: results)
            let (result, timedOut) = try run(command, in: root.root, environment: environment, timeoutSeconds: timeoutSeconds)
            results.append(result)
            guard result.exitCode == 0 else {
                let tail = lastLines(of: result.output, count: 20)
                let why = timedOut ? "ran past \(Int(timeoutSeconds ?? 0)) s" : "exited with status \(result.exitCode)"
                throw LockfileError(.commandFailed, file: plan.lockfile,
                                    message: "`\(command)` \(why)\(headline(of: tail).map { ": \($0)" } ?? "")",
                                    exitCode: result.exitCode, outputTail: tail, results: results)
            }
            let after = try versions(of: dependency, in: plan.lockfile, root: root, results: results)
            try checkUpdated(plan: plan, dependency: dependency, version: version, before: before, after: after, results: results)
        }
        return results
    }

    /// Fails with `.cargoMissing` when the template runs `cargo` and `environment`'s PATH has
    /// none, so a rollout can refuse before it changes anything.
    public static func preflight(template: String, environment: [String: String], repoRoot: String) throws {
        guard LockfileCommand.program(of: template) == "cargo" else { return }
        if LockfileCommand.find("cargo", path: environment["PATH"] ?? "", relativeTo: RepoPath(root: repoRoot).root) == nil {
            throw LockfileError(.cargoMissing, message: cargoMissingMessage)
        }
    }

    private static func versions(of dependency: String, in lockfile: String, root: RepoPath, results: [CommandResult]) throws -> [SemVer] {
        guard let text = try? String(contentsOfFile: root.absolute(lockfile), encoding: .utf8) else {
            throw LockfileError(.unreadable, file: lockfile, message: "cannot read the lockfile", results: results)
        }
        let lock: CargoLock
        do {
            lock = try CargoLock(text: text, file: lockfile)
        } catch let e as SourceError {
            // The same words, with the commands that ran, for the rollout's log.
            throw LockfileError(.unreadable, file: e.file, line: e.line, message: e.message, results: results)
        }
        return try lock.versions(of: dependency).map { entry in
            guard let v = try? SemVer(entry.version) else {
                throw LockfileError(.unreadable, file: lockfile, message: "\(dependency) has version \"\(entry.version)\", which is not SemVer", results: results)
            }
            return v
        }
    }

    /// Cargo keeps one version per semver-compatible range, so a compatible older version that
    /// is still there means the command did not move it.
    private static func checkUpdated(plan: LockfilePlan, dependency: String, version: SemVer, before: [SemVer], after: [SemVer],
                                     results: [CommandResult]) throws {
        let recorded = after.map(\.description).joined(separator: ", ")
        guard after.contains(version) else {
            throw LockfileError(.notUpdated, file: plan.lockfile,
                message: "does not record \(dependency) \(version) after the lockfile command (records \(recorded.isEmpty ? "none" : recorded))",
                results: results)
        }
        let stale = before.filter { $0 != version && compatible($0, version) && after.contains($0) }
        guard stale.isEmpty else {
            throw LockfileError(.notUpdated, file: plan.lockfile,
                message: "still records \(dependency) \(stale.map(\.description).joined(separator: ", ")) beside \(version)", results: results)
        }
    }

    static func compatible(_ a: SemVer, _ b: SemVer) -> Bool {
        if a.major != b.major { return false }
        if a.major > 0 { return true }
        if a.minor != b.minor { return false }
        return a.minor > 0 || a.patch == b.patch
    }

    private static func run(_ command: String, in directory: String, environment: [String: String],
                            timeoutSeconds: Double?) throws -> (CommandResult, timedOut: Bool) {
        let collector = CollectedLines()
        let shell = ShellCommand(command, in: directory, environment: environment, timeoutSeconds: timeoutSeconds)
        let outcome: ShellCommand.Outcome
        do {
            outcome = try shell.run { line in collector.append(line) }
        } catch {
            throw LockfileError(.commandFailed, message: "\(error)")
        }
        return (CommandResult(command: command, exitCode: outcome.exitCode ?? 124, output: collector.text,
                              durationSeconds: outcome.durationSeconds), outcome.timedOut)
    }

    static func lastLines(of output: String, count: Int) -> String {
        output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.suffix(count).joined(separator: "\n")
    }

    /// The line of the output that says what went wrong: cargo's first `error:` line, else the last.
    static func headline(of tail: String) -> String? {
        let lines = tail.split(separator: "\n").map(String.init)
        return lines.first { $0.hasPrefix("error") } ?? lines.last
    }
}
