import Checks
import Fixtures
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
