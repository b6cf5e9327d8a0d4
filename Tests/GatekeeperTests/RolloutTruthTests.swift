import Cargo
import Checks
@testable import Runbook
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage

/// What a rollout commits and claims is what the work tree holds: the lockfile lands on the
/// version asked for whatever else is published, a step whose result was undone is done again,
/// and a failure leaves the user on the branch they started from with their files as they were.
@Suite(.serialized) struct RolloutTruthTests {
    static func lockedVersions(_ world: RolloutWorld, _ lockfile: String, ref: String? = nil) throws -> [String] {
        let text = try ref.map { try world.git(["show", "\($0):\(lockfile)"]) } ?? world.read(lockfile)
        return try CargoLock(text: text, file: lockfile).versions(of: UsageFixScenario.crate).map { $0.version }
    }

    static let lockfiles = ["Cargo.lock", "bindings/alchemy_llm_py/Cargo.lock"]

    /// QA that fails the first time it runs and passes after: the user "fixed the cause".
    static func failingOnce() -> (command: String, marker: String) {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gk-qa-\(UUID().uuidString)").path
        return ("if [ ! -e \(marker) ]; then touch \(marker); echo flaky; exit 3; fi", marker)
    }

    /// A rollout whose QA fails once, run until that failure: the world, main and its files as
    /// they were before, and the marker to remove afterwards.
    static func failedOnce() throws -> (world: RolloutWorld, mainBefore: String, filesBefore: [String: Data], marker: String) {
        let (qa, marker) = failingOnce()
        let world = try RolloutWorld(qa: ["sh scripts/qa.sh", qa])
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at QA: "))
        return (world, mainBefore, filesBefore, marker)
    }

    @Test func theLockfileLandsOnTheVersionAskedForWhenNewerOnesArePublished() throws {
        let world = try RolloutWorld(.laterReleases)
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for lockfile in Self.lockfiles {
            #expect(try Self.lockedVersions(world, lockfile, ref: RolloutWorld.branch) == ["0.1.2"], "\(lockfile), not 0.1.9")
        }
        let log = try world.git(["show", "\(RolloutWorld.branch):\(RolloutWorld.evidence)/lockfiles.log"])
        #expect(log.contains("cargo accepts Cargo.lock, bindings/alchemy_llm_py/Cargo.lock with the manifests (--locked --offline)"), "\(log)")
        let manifest = try world.git(["show", "\(RolloutWorld.branch):Cargo.toml"])
        #expect(manifest.contains("\"0.1.2\"") && !manifest.contains("=0.1.2"), "the final requirement, not the pin cargo locked with")
        let (completed, dataLost) = try world.completedCorrectly(mainBefore: mainBefore, filesBefore: filesBefore)
        #expect(completed && !dataLost)
        ReliabilityLog.record("rollout: newer releases published than the one asked for", "0.1.3 … 0.1.9 published, --version 0.1.2",
                              completed && !dataLost ? "locked 0.1.2 and completed" : "wrong version", dataLost: dataLost, gateWronglyOpened: false)
    }

    /// A lockfile command that writes the version but not its checksum: cargo refuses the
    /// lockfile, so the rollout stops there, naming the file, and commits nothing on main.
    @Test func aLockfileCargoDoesNotAcceptStopsTheRollout() throws {
        let world = try RolloutWorld()
        let mainBefore = try world.mainSnapshot()
        let forged = try world.externalConfig {
            $0.replacingOccurrences(of: "[rollout]\n", with: "[rollout]\nlockfile = \"sed -i '/^name = \\\"alchemy-llm\\\"$/{n;s/0\\\\.1\\\\.1/0.1.2/}' {lockfile}\"\n")
        }
        let r = try world.rollout(["--version", "0.1.2", "--config", forged])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at refresh lockfiles: Cargo.lock: cargo does not accept it with the manifests"), "\(r.stdout)")
        #expect(r.stdout.contains("checksum for `alchemy-llm v0.1.2` changed"), "cargo's own reason: \(r.stdout)")
        #expect(try world.mainSnapshot() == mainBefore)
        #expect(try world.git(["symbolic-ref", "--short", "HEAD"]) == "main")
    }

    /// The lockfiles are confirmed side by side; the one cargo refuses is the one named, even
    /// when the other is fine.
    @Test func theLockfileCargoRefusesIsTheOneNamed() throws {
        let world = try RolloutWorld()
        let mainBefore = try world.mainSnapshot()
        let forged = try world.externalConfig {
            $0.replacingOccurrences(of: "[rollout]\n", with: """
                [rollout]
                lockfile = "case {lockfile} in bindings/*) sed -i '/^name = \\"alchemy-llm\\"$/{n;s/0\\\\.1\\\\.1/0.1.2/}' {lockfile} ;; *) cargo update --manifest-path {manifest} --package {dependency} --precise {version} ;; esac"

                """)
        }
        let r = try world.rollout(["--version", "0.1.2", "--config", forged])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at refresh lockfiles: bindings/alchemy_llm_py/Cargo.lock: cargo does not accept it with the manifests"), "\(r.stdout)")
        #expect(!r.stdout.contains("failed at refresh lockfiles: Cargo.lock"), "\(r.stdout)")
        #expect(try world.mainSnapshot() == mainBefore)
    }

    /// `--dry-run` shows the lockfile command exactly as it runs: a manifest in a folder with a
    /// space in its name is quoted in both (the dry run used to print it unquoted).
    @Test func theDryRunShowsTheLockfileCommandThatRuns() throws {
        // The world's own QA script knows the bindings by their old path.
        let world = try RolloutWorld(qa: ["true"])
        try world.git(["mv", "bindings", "py bindings"])
        let config = world.target + "/gatekeeper.toml"
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "\"bindings/alchemy_llm_py/Cargo.toml\"", with: "\"py bindings/alchemy_llm_py/Cargo.toml\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try world.git(["commit", "-qam", "the bindings in a folder with a space"])

        let dry = try world.rollout(["--version", "0.1.2", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
        let planned = try #require(dry.stdout.split(separator: "\n").first { $0.contains("lockfiles:") })
        let quoted = "cargo update --manifest-path 'py bindings/alchemy_llm_py/Cargo.toml' --package alchemy-llm --precise 0.1.2"
        #expect(planned.contains(quoted), "\(planned)")

        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let log = try world.read(RolloutWorld.evidence + "/lockfiles.log")
        #expect(log.contains(quoted), "the command that ran is the one the dry run showed: \(log)")
        let locked = try CargoLock(text: try world.read("py bindings/alchemy_llm_py/Cargo.lock"), file: "Cargo.lock").versions(of: "alchemy-llm")
        #expect(locked.map(\.version) == ["0.1.2"])
    }

    @Test func aFailureLeavesTheUserOnTheirBranchWithTheWorkKeptForResume() throws {
        let (world, mainBefore, filesBefore, marker) = try Self.failedOnce()
        defer { try? FileManager.default.removeItem(atPath: marker) }
        // Back where they started: on main, its files byte for byte, nothing uncommitted.
        #expect(try world.git(["symbolic-ref", "--short", "HEAD"]) == "main")
        #expect(try world.mainSnapshot() == mainBefore)
        var onDisk: [String: Data] = [:]
        for path in filesBefore.keys { onDisk[path] = try Data(contentsOf: URL(fileURLWithPath: world.target + "/" + path)) }
        #expect(onDisk == filesBefore)
        #expect(try world.git(["status", "--porcelain"]).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: world.target + "/" + RolloutWorld.evidence), "the evidence is on the branch, not on main")
        // The work so far is one commit on the rollout branch, with the failure's log.
        #expect(try world.git(["rev-parse", "\(RolloutWorld.branch)^"]) == world.git(["rev-parse", "main"]))
        #expect(try world.git(["log", "-1", "--format=%s", RolloutWorld.branch]).hasPrefix("WIP: gatekeeper rollout of alchemy-llm 0.1.2, stopped at QA"))
        let logs = try world.git(["ls-tree", "-r", "--name-only", RolloutWorld.branch, "\(RolloutWorld.evidence)/qa/"])
            .split(separator: "\n").filter { $0.contains("/qa/02-") }
        #expect(logs.count == 1, "the failed command's log is committed: \(logs)")
        if let log = logs.first { #expect(try world.git(["show", "\(RolloutWorld.branch):\(log)"]) == "flaky") }

        let (completed, dataLost) = try world.finish(["--resume"], mainBefore: mainBefore, filesBefore: filesBefore)
        #expect(!(try world.git(["log", "--format=%s", RolloutWorld.branch]).contains("WIP:")), "the finished rollout replaced the work in progress")
        ReliabilityLog.record("rollout: a failed step leaves the user where they started", "QA fails, then --resume after the fix",
                              completed ? "back on main, resumed and completed" : "did not complete", dataLost: dataLost, gateWronglyOpened: false)
    }

    @Test func aBumpPutBackByHandIsDoneAgainNotClaimed() throws {
        let (world, mainBefore, filesBefore, marker) = try Self.failedOnce()
        defer { try? FileManager.default.removeItem(atPath: marker) }
        // The user looks at the rollout branch and puts the manifests back, as in the issue.
        if try world.git(["symbolic-ref", "--short", "HEAD"]) != RolloutWorld.branch { try world.git(["checkout", "-q", RolloutWorld.branch]) }
        try world.git(["checkout", "main", "--"] + UsageFixScenario.manifests)
        let resumed = try world.rollout(["--version", "0.1.2", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("bump manifests is done again: "), "\(resumed.stdout)")
        // The commit holds the bumps it names, and what it claims is what it holds.
        for manifest in UsageFixScenario.manifests {
            #expect(try world.git(["show", "\(RolloutWorld.branch):\(manifest)"]).contains("\"0.1.2\""), "\(manifest)")
        }
        let pr = try world.git(["show", "\(RolloutWorld.branch):\(RolloutWorld.evidence)/PR.md"])
        #expect(!pr.contains("Manifests: none"), "\(pr)")
        #expect(pr.split(separator: "\n").contains { $0.hasPrefix("- [x] ") && $0.contains("depends on the released") }, "\(pr)")
        let (completed, dataLost) = try world.completedCorrectly(mainBefore: mainBefore, filesBefore: filesBefore)
        #expect(completed && !dataLost)
        ReliabilityLog.record("rollout: recorded steps undone in the work tree, then --resume", "manifests put back by hand after a failed QA",
                              completed ? "bump done again, commit holds it" : "claimed a bump it did not hold", dataLost: dataLost || !completed,
                              gateWronglyOpened: false)
    }
}
