@testable import Checks
import Foundation
import Testing
@testable import Git

/// Which commits of a release range may prove anything: reverts and merges that discarded a side.
@Suite struct ReleaseCommitsTests {
    /// A bare repository written commit by commit (a minute apart), each adding its own file
    /// unless told otherwise, so every commit has its own tree.
    final class History {
        let repo: GitRepository
        private var step: Int64 = 0

        init(at path: String) throws {
            repo = try GitRepository.initialize(at: path, bare: true, initialBranch: "main")
        }

        private func nextAuthor() -> GitSignature {
            step += 1
            return GitSignature(name: "Dev", email: "dev@example.com", time: 1_770_886_800 + step * 60)
        }

        /// A commit on `branch` (its tip, or `parent` when the branch does not exist yet).
        @discardableResult
        func commit(
            _ message: String, on branch: String = "main", parent: GitObjectID? = nil, merging others: [GitObjectID] = [],
            files: [String: String?]? = nil
        ) throws -> GitObjectID {
            let author = nextAuthor()
            return try repo.commitFiles(
                files ?? ["log/\(step).txt": message], message: message, author: author, parent: parent,
                mergeParents: others, updating: "refs/heads/\(branch)")
        }

        /// What `git merge -s ours <other>` on `branch` makes.
        @discardableResult
        func oursMerge(_ other: GitObjectID, into branch: String = "main", message: String) throws -> GitObjectID {
            try repo.commitMergeKeepingTree(of: other, into: "refs/heads/\(branch)", message: message, author: nextAuthor())
        }

        func standings(from head: GitObjectID, excluding base: GitObjectID? = nil) throws -> [GitObjectID: RangeCommit.Standing] {
            let range = try repo.releaseCommits(from: head, excluding: base)
            #expect(range.map(\.commit) == (try repo.commits(from: head, excluding: base)), "same commits, same order")
            return Dictionary(uniqueKeysWithValues: range.map { ($0.commit.id, $0.standing) })
        }
    }

    // MARK: Ranges

    @Test func aLinearRangeIsAllLiveNewestFirst() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let root = try h.commit("chore: start\n")
        let a = try h.commit("feat: a\n")
        let b = try h.commit("fix: b\n\n- one\n- two\n")

        let range = try h.repo.releaseCommits(from: b, excluding: nil)
        #expect(range.map(\.commit.id) == [b, a, root])
        #expect(range.allSatisfy { $0.standing == .live && $0.isLive })
        #expect(range[0].commit.summary == "fix: b")
        #expect(Set(range.map(\.commit.tree)).count == 3, "every commit has its own tree")
        #expect(try h.repo.releaseCommits(from: b, excluding: nil, limit: 2).map(\.commit.id) == [b, a])
        #expect(try h.repo.releaseCommits(from: b, excluding: b).isEmpty)
    }

    @Test func theBaseExcludesOlderCommits() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let root = try h.commit("chore(release): v0.1.1\n")
        let fix = try h.commit("fix: usage\n")
        let bump = try h.commit("chore(release): v0.1.2\n")

        #expect(try h.standings(from: bump, excluding: root) == [bump: .live, fix: .live])
        // Control: without a base the whole history is the range.
        #expect(try h.standings(from: bump) == [bump: .live, fix: .live, root: .live])
    }

    @Test func errorsCarryLibgit2sMessage() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let root = try h.commit("chore: start\n")
        let missing = try #require(GitObjectID(hex: String(repeating: "ab", count: 20)))
        let error = try #require(throws: GitError.self) { try h.repo.releaseCommits(from: missing, excluding: nil) }
        #expect(error.isNotFound && error.message.contains("abababa"), "got: \(error.message)")
        #expect(throws: GitError.self) { try h.repo.releaseCommits(from: root, excluding: missing) }
        // A merge into a branch that has no commit yet.
        let unborn = try #require(throws: GitError.self) {
            try h.repo.commitMergeKeepingTree(of: root, into: "refs/heads/empty", message: "m\n", author: OutsideAuthor.value)
        }
        #expect(unborn.message.contains("refs/heads/empty"), "got: \(unborn.message)")
        #expect(throws: GitError.self) {
            try h.repo.commitFiles([:], message: "m\n", author: OutsideAuthor.value, parent: nil, mergeParents: [missing])
        }
    }

    // MARK: Reverts

    @Test func aRevertNamingTheFullIdRevertsItsTarget() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let x = try h.commit("fix(openai): align usage semantics\n\n- usage.input = prompt_tokens\n")
        let y = try h.commit("docs: readme\n")
        let revert = try h.commit("Revert \"fix(openai): align usage semantics\"\n\nThis reverts commit \(x.hex).\n")

        #expect(try h.standings(from: revert, excluding: base) == [revert: .revert(of: x), y: .live, x: .reverted(by: revert)])
        // Control: an id with a 41st hex digit names no commit, and the subject does not say Revert.
        let note = try h.commit("docs: note\n\nThis reverts commit \(y.hex)0.\n")
        #expect(try h.standings(from: note, excluding: revert)[note] == .live)
        #expect(try h.standings(from: note, excluding: base)[y] == .live)
    }

    @Test func aRevertNamingAnAbbreviatedIdRevertsItsTarget() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let x = try h.commit("fix: parser\n")
        let backOut = try h.commit("Back out the parser change\n\nThis reverts commit \(x.short.uppercased()), it broke CI.\n")
        #expect(try h.standings(from: backOut, excluding: base) == [backOut: .revert(of: x), x: .reverted(by: backOut)])

        // Control: six digits are too few to name a commit; nothing is reverted.
        let folder2 = try GitTestFolder()
        let h2 = try History(at: folder2.sub("repo.git"))
        let base2 = try h2.commit("chore(release): v0.1.1\n")
        let x2 = try h2.commit("fix: parser\n")
        let mention = try h2.commit("Back out the parser change\n\nThis reverts commit \(x2.hex.prefix(6)).\n")
        #expect(try h2.standings(from: mention, excluding: base2) == [mention: .live, x2: .live])
    }

    @Test func aRevertMatchedOnlyByItsQuotedSubject() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let first = try h.commit("feat: x\n")
        let again = try h.commit("feat: x\n\nsecond attempt\n")
        let other = try h.commit("feat: y\n")
        let revert = try h.commit("Revert \"feat: x\"\n")
        #expect(
            try h.standings(from: revert, excluding: base)
                == [revert: .revert(of: again), other: .live, again: .reverted(by: revert), first: .live],
            "the nearest older commit with that summary")

        // GitHub's squash merge appends the pull request number.
        let pulled = try h.commit("Revert \"feat: y\" (#12)\n\n* Revert \"feat: y\"\n")
        #expect(try h.standings(from: pulled, excluding: base)[other] == .reverted(by: pulled))

        // Controls: the subject must match exactly, and a later commit is never the target.
        let wrongCase = try h.commit("Revert \"Feat: x\"\n")
        let later = try h.commit("Revert \"feat: z\"\n")
        let z = try h.commit("feat: z\n")
        let standings = try h.standings(from: z, excluding: base)
        #expect(standings[wrongCase] == .revert(of: nil))
        #expect(standings[later] == .revert(of: nil))
        #expect(standings[z] == .live)
        #expect(standings[first] == .live)
        #expect(try h.standings(from: other, excluding: base)[again] == .live, "before the revert, nothing is reverted")
    }

    @Test func aRevertOfARevertRestoresTheOriginal() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let x = try h.commit("fix: x\n")
        let r1 = try h.commit("Revert \"fix: x\"\n\nThis reverts commit \(x.hex).\n")
        let r2 = try h.commit("Revert \"Revert \"fix: x\"\"\n")
        #expect(try h.standings(from: r2, excluding: base) == [r2: .revert(of: r1), r1: .reverted(by: r2), x: .live])

        // Git ≥ 2.43 calls it "Reapply"; the id line is what counts.
        let r3 = try h.commit("Reapply \"Revert \"fix: x\"\"\n\nThis reverts commit \(r2.hex).\n")
        #expect(
            try h.standings(from: r3, excluding: base)
                == [r3: .revert(of: r2), r2: .reverted(by: r3), r1: .revert(of: x), x: .reverted(by: r1)],
            "a third revert undoes the restore")
    }

    @Test func aRevertWhoseTargetIsBeforeTheRange() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let x = try h.commit("fix: x\n")
        let base = try h.commit("chore(release): v0.1.1\n")
        let y = try h.commit("fix: y\n")
        let revert = try h.commit("Revert \"fix: x\"\n\nThis reverts commit \(x.hex).\n")
        #expect(try h.standings(from: revert, excluding: base) == [revert: .revert(of: nil), y: .live])
        // Control: with x in the range it is the target.
        #expect(try h.standings(from: revert)[x] == .reverted(by: revert))
    }

    @Test func anIdOutsideTheRangeFallsBackToTheSubject() throws {
        // A cherry-picked revert names the commit on the other branch; the release branch has its own copy.
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let onMain = try h.commit("fix: x\n")
        let picked = try h.commit("fix: x\n\n(cherry picked from commit \(onMain.hex))\n", on: "release", parent: base)
        let revert = try h.commit("Revert \"fix: x\"\n\nThis reverts commit \(onMain.hex).\n", on: "release")
        #expect(try h.standings(from: revert, excluding: base) == [revert: .revert(of: picked), picked: .reverted(by: revert)])
    }

    @Test func revertingAMergeRevertsWhatItBroughtIn() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let side = try h.commit("fix: usage\n", on: "side", parent: base)
        let main1 = try h.commit("docs: readme\n")
        let merge = try h.commit("Merge branch 'side'\n", merging: [side], files: ["merged.txt": "side\n"])
        let revert = try h.commit(
            "Revert \"Merge branch 'side'\"\n\nThis reverts commit \(merge.hex), reversing\nchanges made to \(main1.hex).\n")
        #expect(
            try h.standings(from: revert, excluding: base)
                == [revert: .revert(of: merge), merge: .reverted(by: revert), main1: .live, side: .reverted(by: revert)])

        // Control: reverting that revert restores the merge and what it brought in.
        let again = try h.commit("Revert \"Revert \"Merge branch 'side'\"\"\n")
        #expect(
            try h.standings(from: again, excluding: base)
                == [again: .revert(of: revert), revert: .reverted(by: again), merge: .live, main1: .live, side: .live])
    }

    @Test func aLiteralBackslashNDoesNotMatter() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let x = try h.commit(#"fix: x\n\n- one\n- two"# + "\n")
        let revert = try h.commit(#"Revert "fix: x\n\n- one\n- two"\n\nThis reverts commit "# + x.hex + #".\n"# + "\n")
        #expect(try h.standings(from: revert, excluding: base) == [revert: .revert(of: x), x: .reverted(by: revert)])
        // Control: literal \n without a revert line is an ordinary commit.
        let y = try h.commit(#"fix: y\n\nThis revert of the config was planned"# + "\n")
        #expect(try h.standings(from: y, excluding: revert) == [y: .live])
    }

    @Test func revertMessagesAreParsedStrictly() {
        let id = "4409a50d3c1e2b7f8a9b0c1d2e3f4a5b6c7d8e9f"
        #expect(RevertMessage.revertedIDPrefixes(in: "x\n\nThis reverts commit \(id).\n") == [id])
        #expect(RevertMessage.revertedIDPrefixes(in: "This reverts commit 4409A50") == ["4409a50"])
        #expect(RevertMessage.revertedIDPrefixes(in: "This reverts commit 4409a50, and This reverts commit abcdef01") == ["4409a50", "abcdef01"])
        #expect(RevertMessage.revertedIDPrefixes(in: "This reverts commit 4409a5").isEmpty, "6 digits")
        #expect(RevertMessage.revertedIDPrefixes(in: "This reverts commit \(id)0").isEmpty, "41 digits")
        #expect(RevertMessage.revertedIDPrefixes(in: "This reverts commit 4409a50g").isEmpty, "a word, not an id")
        #expect(RevertMessage.revertedIDPrefixes(in: "This reverts commit4409a50").isEmpty)
        #expect(RevertMessage.revertedIDPrefixes(in: "this reverts commit 4409a50").isEmpty)
        #expect(RevertMessage.revertedSubject("Revert \"feat: x\"") == "feat: x")
        #expect(RevertMessage.revertedSubject("Revert \"Revert \"feat: x\"\"") == "Revert \"feat: x\"")
        #expect(RevertMessage.revertedSubject("Revert \"feat: x\" (#12)") == "feat: x")
        #expect(RevertMessage.revertedSubject("Revert \"feat: x (#3)\" (#12)") == "feat: x (#3)")
        #expect(RevertMessage.revertedSubject("Revert \"feat: x\" (#)") == nil)
        #expect(RevertMessage.revertedSubject("Revert \"") == nil)
        #expect(RevertMessage.revertedSubject("Revert feat: x") == nil)
        #expect(RevertMessage.revertedSubject("revert \"feat: x\"") == nil)
        #expect(RevertMessage.revertedSubject("Revert \"feat: x\" later") == nil)
    }

    // MARK: Discarded merges

    @Test func anOursMergeDiscardsTheSideBranch() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let s1 = try h.commit("fix: usage input\n", on: "side", parent: base)
        let s2 = try h.commit("fix: usage output\n", on: "side")
        let m1 = try h.commit("docs: readme\n")
        let merge = try h.oursMerge(s2, message: "Merge branch 'side'\n")

        let commit = try h.repo.commit(merge)
        #expect(commit.parents == [m1, s2])
        #expect(commit.tree == (try h.repo.commit(m1)).tree, "the merge kept main's tree")
        #expect(try h.repo.resolve("main") == merge)
        #expect(
            try h.standings(from: merge, excluding: base)
                == [merge: .live, m1: .live, s2: .discarded(by: merge), s1: .discarded(by: merge)])
        #expect(try h.standings(from: s2, excluding: base) == [s2: .live, s1: .live], "on their own branch they are live")

        // Control: a real merge, whose tree differs from main's, keeps the side live.
        let folder2 = try GitTestFolder()
        let h2 = try History(at: folder2.sub("repo.git"))
        let base2 = try h2.commit("chore(release): v0.1.1\n")
        let t1 = try h2.commit("fix: usage input\n", on: "side", parent: base2)
        let t2 = try h2.commit("fix: usage output\n", on: "side")
        let n1 = try h2.commit("docs: readme\n")
        let real = try h2.commit("Merge branch 'side'\n", merging: [t2], files: ["usage.rs": "fixed\n"])
        #expect(try h2.repo.commit(real).parents == [n1, t2])
        #expect(try h2.standings(from: real, excluding: base2) == [real: .live, n1: .live, t2: .live, t1: .live])
    }

    @Test func aCommitAlsoOnTheFirstParentLineStaysLive() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let x = try h.commit("fix: shared\n")
        let s1 = try h.commit("feat: side only\n", on: "side", parent: x)
        let y = try h.commit("docs: main only\n")
        let merge = try h.oursMerge(s1, message: "Merge branch 'side'\n")
        #expect(
            try h.standings(from: merge, excluding: base)
                == [merge: .live, y: .live, s1: .discarded(by: merge), x: .live])

        // The same when the side branch merged main in (a normal merge) before being discarded.
        let folder2 = try GitTestFolder()
        let h2 = try History(at: folder2.sub("repo.git"))
        let base2 = try h2.commit("chore(release): v0.1.1\n")
        let t1 = try h2.commit("feat: side only\n", on: "side", parent: base2)
        let x2 = try h2.commit("fix: shared\n")
        let catchUp = try h2.commit("Merge branch 'main' into side\n", on: "side", merging: [x2], files: ["caught-up": "yes\n"])
        let y2 = try h2.commit("docs: main only\n")
        let merge2 = try h2.oursMerge(catchUp, message: "Merge branch 'side'\n")
        #expect(
            try h2.standings(from: merge2, excluding: base2)
                == [merge2: .live, y2: .live, catchUp: .discarded(by: merge2), t1: .discarded(by: merge2), x2: .live])
    }

    @Test func theNearestDiscardingMergeIsNamed() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let inner = try h.commit("feat: experiment\n", on: "experiment", parent: base)
        let side = try h.commit("feat: side\n", on: "side", parent: base)
        let innerMerge = try h.oursMerge(inner, into: "side", message: "Merge branch 'experiment' into side\n")
        let m1 = try h.commit("docs: readme\n")
        let outerMerge = try h.oursMerge(innerMerge, message: "Merge branch 'side'\n")
        #expect(
            try h.standings(from: outerMerge, excluding: base)
                == [
                    outerMerge: .live, m1: .live, innerMerge: .discarded(by: outerMerge), side: .discarded(by: outerMerge),
                    inner: .discarded(by: innerMerge),
                ])
    }

    @Test func aDiscardedRevertRevertsNothing() throws {
        let folder = try GitTestFolder()
        let h = try History(at: folder.sub("repo.git"))
        let base = try h.commit("chore(release): v0.1.1\n")
        let x = try h.commit("fix: x\n")
        let revert = try h.commit("Revert \"fix: x\"\n\nThis reverts commit \(x.hex).\n", on: "side", parent: x)
        let y = try h.commit("docs: readme\n")
        let merge = try h.oursMerge(revert, message: "Merge branch 'side'\n")
        #expect(
            try h.standings(from: merge, excluding: base)
                == [merge: .live, y: .live, revert: .discarded(by: merge), x: .live])

        // Control: merged for real (the merge's tree is not main's), the revert counts.
        let folder2 = try GitTestFolder()
        let h2 = try History(at: folder2.sub("repo.git"))
        let base2 = try h2.commit("chore(release): v0.1.1\n")
        let x2 = try h2.commit("fix: x\n")
        let revert2 = try h2.commit("Revert \"fix: x\"\n\nThis reverts commit \(x2.hex).\n", on: "side", parent: x2)
        let y2 = try h2.commit("docs: readme\n")
        let real = try h2.commit("Merge branch 'side'\n", merging: [revert2], files: ["log/2.txt": nil])
        #expect(
            try h2.standings(from: real, excluding: base2)
                == [real: .live, y2: .live, revert2: .revert(of: x2), x2: .reverted(by: revert2)])
    }
}

/// An author for calls that need one outside `History`.
private enum OutsideAuthor {
    static let value = GitSignature(name: "Dev", email: "dev@example.com", time: 1_770_886_800)
}
