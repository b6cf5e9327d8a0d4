import Foundation
import Runbook
import Testing

/// A scratch folder for the lockfile and manifest tests, removed when the test ends.
final class LockfileScratch {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "gatekeeper-lockfile-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func sub(_ name: String) -> String { "\(path)/\(name)" }

    func write(_ files: [String: String]) throws {
        for (name, text) in files {
            try FileManager.default.createDirectory(atPath: (sub(name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: sub(name), atomically: true, encoding: .utf8)
        }
    }
}

@Suite struct LockfilePlanTests {
    let package = "[package]\nname = \"p\"\nversion = \"0.1.0\"\n"

    @Test func siblingLockfilesGiveOneEntryEach() throws {
        let repo = try LockfileScratch()
        try repo.write(["Cargo.toml": package, "Cargo.lock": "", "bindings/py/Cargo.toml": package, "bindings/py/Cargo.lock": ""])
        let plans = Lockfiles.plan(manifests: ["Cargo.toml", "bindings/py/Cargo.toml"], repoRoot: repo.path)
        #expect(plans == [LockfilePlan(lockfile: "Cargo.lock", manifest: "Cargo.toml"),
                          LockfilePlan(lockfile: "bindings/py/Cargo.lock", manifest: "bindings/py/Cargo.toml")])
    }

    @Test func workspaceMembersShareTheWorkspaceLockfile() throws {
        let repo = try LockfileScratch()
        try repo.write([
            "Cargo.toml": "[workspace]\nmembers = [\"crates/*\"]\n",
            "Cargo.lock": "",
            "crates/a/Cargo.toml": package,
            "crates/b/Cargo.toml": package,
            // A stale lock beside a member is not the one cargo uses.
            "crates/b/Cargo.lock": "",
        ])
        let plans = Lockfiles.plan(manifests: ["crates/a/Cargo.toml", "crates/b/Cargo.toml", "Cargo.toml"], repoRoot: repo.path)
        #expect(plans == [LockfilePlan(lockfile: "Cargo.lock", manifest: "crates/a/Cargo.toml")])
    }

    @Test func parentWorkspaceLockfileFromADeeperMember() throws {
        let repo = try LockfileScratch()
        try repo.write([
            "rust/Cargo.toml": "[workspace]\nmembers = [\"libs/core\"]\n",
            "rust/Cargo.lock": "",
            "rust/libs/core/Cargo.toml": package,
        ])
        #expect(Lockfiles.plan(manifests: ["./rust/libs/core/Cargo.toml"], repoRoot: repo.path + "/")
                    == [LockfilePlan(lockfile: "rust/Cargo.lock", manifest: "./rust/libs/core/Cargo.toml")])
    }

    @Test func aParentPackageLockfileIsNotAChildPackagesLockfile() throws {
        // The seed's shape: the bindings crate sits inside the root package but is its own root.
        let repo = try LockfileScratch()
        try repo.write(["Cargo.toml": package, "Cargo.lock": "", "bindings/py/Cargo.toml": package])
        let plans = Lockfiles.plan(manifests: ["Cargo.toml", "bindings/py/Cargo.toml"], repoRoot: repo.path)
        #expect(plans == [LockfilePlan(lockfile: "Cargo.lock", manifest: "Cargo.toml")])
    }

    @Test func excludedAndExplicitWorkspaceMembers() throws {
        let repo = try LockfileScratch()
        try repo.write([
            "Cargo.toml": "[workspace]\nmembers = [\"a\"]\nexclude = [\"tools\"]\n",
            "Cargo.lock": "",
            "tools/gen/Cargo.toml": package,
            "tools/gen/Cargo.lock": "",
            "nested/deep/Cargo.toml": package + "workspace = \"../..\"\n",
        ])
        let plans = Lockfiles.plan(manifests: ["tools/gen/Cargo.toml", "nested/deep/Cargo.toml"], repoRoot: repo.path)
        #expect(plans == [LockfilePlan(lockfile: "tools/gen/Cargo.lock", manifest: "tools/gen/Cargo.toml"),
                          LockfilePlan(lockfile: "Cargo.lock", manifest: "nested/deep/Cargo.toml")])
    }

    @Test func noLockfileAnywhereGivesNoEntry() throws {
        let repo = try LockfileScratch()
        try repo.write(["Cargo.toml": package])
        #expect(Lockfiles.plan(manifests: ["Cargo.toml"], repoRoot: repo.path).isEmpty)
        #expect(Lockfiles.plan(manifests: ["missing/Cargo.toml"], repoRoot: repo.path).isEmpty)
    }
}
