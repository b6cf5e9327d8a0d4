import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport

/// A rollout refused before it changes anything, and what takes the fault away.
struct RefusedRollout: CustomTestStringConvertible, Sendable {
    let name: String
    var variant: UsageFixScenario.Variant = .changelogConfirmsAll
    let inject: @Sendable (RolloutWorld) throws -> Void
    let status: Int32
    /// The whole stderr line for exit 2; a line of stdout for exit 1.
    let says: String
    /// Removes the fault the way a user would; nil when nothing should (a closed gate).
    let fix: (@Sendable (RolloutWorld) throws -> Void)?
    var testDescription: String { name }
}

extension RolloutWorld {
    /// Every file in the working tree but .git, by content: the user's files, committed or not.
    func workingTree() throws -> [String: Data] {
        try FileTree.contents(of: target, skipping: [".git"])
    }
}

let refusedRollouts: [RefusedRollout] = [
    RefusedRollout(name: "dirty tree (a modified manifest, an untracked file)", inject: { world in
        try "notes\n".write(toFile: world.target + "/notes.txt", atomically: true, encoding: .utf8)
        try (try world.read("Cargo.toml") + "# local edit\n").write(toFile: world.target + "/Cargo.toml", atomically: true, encoding: .utf8)
    }, status: 2, says: "gatekeeper: error: the working tree is not clean: Cargo.toml (modified), notes.txt (untracked); commit or stash first",
       fix: { world in try world.git(["stash", "-q", "-u"]) }),
    RefusedRollout(name: "detached HEAD", inject: { world in try world.git(["checkout", "-q", "--detach"]) },
                   status: 2, says: "gatekeeper: error: HEAD is detached; check out the branch the rollout should start from",
                   fix: { world in try world.git(["checkout", "-q", "main"]) }),
    RefusedRollout(name: "the rollout branch already exists, with a commit of the user's", inject: { world in
        try world.git(["checkout", "-q", "-b", RolloutWorld.branch])
        try "mine\n".write(toFile: world.target + "/mine.txt", atomically: true, encoding: .utf8)
        try world.git(["add", "mine.txt"])
        try world.git(["commit", "-qm", "my own work on this branch"])
        try world.git(["checkout", "-q", "main"])
    },
                   status: 2, says: "gatekeeper: error: branch \(RolloutWorld.branch) already exists",
                   fix: { world in try world.git(["branch", "-D", RolloutWorld.branch]) }),
    RefusedRollout(name: "gate closed (0.1.2 built before the fix)", variant: .builtBeforeFix, inject: { _ in },
                   status: 1, says: "refused: the gate is closed, nothing was changed", fix: nil),
]

@Suite(.serialized) struct RepositoryReliabilityTests {
    /// Refused before any change: refs, index, HEAD and every file of the working tree (the
    /// user's uncommitted work included) are byte-identical; `--resume` says exactly why it
    /// cannot; once the user removes the fault, a plain rerun completes and main is untouched.
    @Test(arguments: refusedRollouts)
    func aRefusedRolloutChangesNothing(_ fault: RefusedRollout) throws {
        let world = try RolloutWorld(fault.variant)
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        try fault.inject(world)
        let before = try world.snapshot()
        let treeBefore = try world.workingTree()

        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == fault.status, "\(r.stdout)\(r.stderr)")
        if fault.status == 2 {
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix(fault.says), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
        } else {
            #expect(r.lines.contains { $0.contains(fault.says) }, "\(r.stdout)")
        }
        let unchanged = try world.snapshot() == before && world.workingTree() == treeBefore
        #expect(unchanged, "refs, index, HEAD and the working tree are as they were")
        let rolledOut = try world.git(["for-each-ref", "--format=%(refname)", "refs/heads/\(RolloutWorld.branch)"]).isEmpty == false
            && (try world.git(["log", "-1", "--format=%s", RolloutWorld.branch])).hasPrefix("Bump")

        let resume = try world.rollout(["--version", "0.1.2", "--resume"])
        #expect(resume.status == 2)
        #expect(resume.stderr == "gatekeeper: error: nothing to resume for alchemy-llm 0.1.2: no unfinished rollout is recorded\n")

        var dataLost = !unchanged
        if let fix = fault.fix {
            try fix(world)
            let (_, lost) = try world.finish([], mainBefore: mainBefore, filesBefore: filesBefore)
            dataLost = dataLost || lost
            if fault.name.hasPrefix("dirty tree") {
                // The user's stashed work comes back byte for byte.
                try world.git(["stash", "pop", "-q"])
                let back = try world.workingTree() == treeBefore
                #expect(back, "the uncommitted edits are intact")
                dataLost = dataLost || !back
            }
        }
        #expect(!dataLost)
        ReliabilityLog.record("rollout: refused before any change", fault.name, "refused",
                              dataLost: dataLost, gateWronglyOpened: fault.fix == nil && (r.status == 0 || rolledOut))
    }
}

/// The rollout's record under .git/gatekeeper/, damaged (a disk fault, a hand edit) after a
/// rollout stopped.
struct DamagedState: CustomTestStringConvertible, Sendable {
    let name: String
    let damage: @Sendable (String) -> String
    /// What follows "<state file>: ".
    let says: String
    var testDescription: String { name }
}

let damagedStates: [DamagedState] = [
    DamagedState(name: "not JSON (cut in half)", damage: { String($0.prefix($0.count / 2)) },
                 says: "unreadable rollout state ("),
    DamagedState(name: "base_commit not a commit id", damage: { text in
        text.replacingOccurrences(of: #""base_commit": ""#, with: #""base_commit": "zz"#)
    }, says: "\"base_commit\" is not a commit id; remove the file to start over"),
    DamagedState(name: "a required key missing", damage: { $0.replacingOccurrences(of: #""branch":"#, with: #""brunch":"#) },
                 says: "unreadable rollout state (branch: missing); remove it to start over"),
]

@Suite(.serialized) struct DamagedStateReliabilityTests {
    @Test(arguments: damagedStates)
    func aDamagedRecordIsAClearErrorAndChangesNothing(_ damage: DamagedState) throws {
        let world = try RolloutWorld()
        let first = try world.rollout(["--version", "0.1.2"], environment: ["GATEKEEPER_FAILPOINT": "recorded:qa"])
        #expect(first.status == 9, "\(first.stdout)\(first.stderr)")
        let state = world.target + "/.git/gatekeeper/rollout-alchemy-llm-0.1.2.json"
        let text = try String(contentsOfFile: state, encoding: .utf8)
        let damaged = damage.damage(text)
        #expect(damaged != text, "the damage changed the file")
        try damaged.write(toFile: state, atomically: true, encoding: .utf8)
        let before = try world.snapshot()
        let tree = try world.workingTree()

        let results = [try world.rollout(["--version", "0.1.2", "--resume"]), try world.rollout(["--version", "0.1.2"])]
        var clear = true
        for r in results {
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("gatekeeper: error: \(state): \(damage.says)"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
            clear = clear && r.status == 2 && r.stderr.hasPrefix("gatekeeper: error: \(state): \(damage.says)")
        }
        let unchanged = try world.snapshot() == before && world.workingTree() == tree
            && (try String(contentsOfFile: state, encoding: .utf8)) == damaged
        #expect(unchanged, "refs, index, files and the damaged record itself are left as they were")
        ReliabilityLog.record("rollout: recorded state damaged, then --resume or a rerun", damage.name,
                              clear ? "clear error" : "unclear", dataLost: !unchanged, gateWronglyOpened: false)
    }
}
