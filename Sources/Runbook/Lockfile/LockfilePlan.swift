import Foundation
import Cargo

/// One lockfile to refresh and the manifest to name in the command (repository-relative paths).
public struct LockfilePlan: Sendable, Equatable {
    public let lockfile: String
    public let manifest: String

    public init(lockfile: String, manifest: String) {
        self.lockfile = lockfile
        self.manifest = manifest
    }
}

public enum Lockfiles {
    /// For each manifest, the Cargo.lock cargo uses for it: the one at its workspace root (the
    /// nearest folder up to the repository root whose Cargo.toml has `[workspace]`, or that
    /// `package.workspace` names), else the one beside it. Several manifests sharing one
    /// lockfile give one entry (the first manifest). A manifest with no lockfile: no entry (the
    /// caller reports "no lockfile").
    public static func plan(manifests: [String], repoRoot: String) -> [LockfilePlan] {
        let root = RepoPath(root: repoRoot)
        var seen: Set<String> = []
        var plans: [LockfilePlan] = []
        for manifest in manifests {
            let folder = WorkspaceRoot.of(manifest: manifest, in: root)
            let lockfile = root.join(folder, "Cargo.lock")
            guard root.isFile(lockfile), seen.insert(lockfile).inserted else { continue }
            plans.append(LockfilePlan(lockfile: lockfile, manifest: manifest))
        }
        return plans
    }
}
