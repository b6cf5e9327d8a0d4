import Checks
import Foundation
import Runbook
import Testing
@testable import Git

@Suite struct RunbookGitCommitTests {
    typealias S = GitRunbookSupport

    @Test func commitsExactlyTheStagedPathsOnTheCurrentBranch() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, base) = try S.repository(at: root, files: [
            "Cargo.toml": "v = 1\n", "b.txt": "b\n", "c.txt": "c\n", "data/old/x.json": "{}\n", ".gitignore": "*.log\n",
        ])
        try repo.createBranch("deps/x-0.1.2")
        try repo.checkoutBranch("deps/x-0.1.2")

        try S.write("v = 2\n", to: root + "/Cargo.toml")
        try S.write("unstaged\n", to: root + "/b.txt")
        try FileManager.default.removeItem(atPath: root + "/c.txt")
        try S.write("{\"a\":1}\n", to: root + "/data/evidence/gate.json")
        try S.write("sums\n", to: root + "/data/evidence/SHA256SUMS")
        try S.write("ignored\n", to: root + "/data/evidence/run.log")
        try FileManager.default.removeItem(atPath: root + "/data/old")
        let tree = try repo.stage(["./Cargo.toml", "c.txt", "data/evidence/", "data/old"])

        let message = "deps: bump x 0.1.1 -> 0.1.2\n\nEvidence: data/evidence\n"
        let committer = GitSignature(name: "Gatekeeper Bot", email: "bot@example.com", time: 1_700_000_100, offsetMinutes: 60)
        let commit = try repo.commitIndex(message: message, author: S.author, committer: committer)

        #expect(try repo.resolve("HEAD") == commit)
        #expect(try repo.resolve("deps/x-0.1.2") == commit)
        #expect(try repo.resolve("main") == base, "the starting branch is never changed")
        let read = try repo.commit(commit)
        #expect(read.parents == [base])
        #expect(read.message == message)
        #expect(read.author == S.author)
        #expect(try S.git(root, "rev-parse", "HEAD^{tree}") == tree.hex, "stage returned the tree that was committed")
        #expect(try S.git(root, "show", "--name-status", "--format=", "HEAD") == """
            M\tCargo.toml
            D\tc.txt
            A\tdata/evidence/SHA256SUMS
            A\tdata/evidence/gate.json
            D\tdata/old/x.json
            """)
        #expect(try S.git(root, "log", "-1", "--format=%B") == message.trimmingCharacters(in: .newlines))
        #expect(try S.git(root, "log", "-1", "--format=%an <%ae>|%cn <%ce> %ci") == "Test Author <author@example.com>|Gatekeeper Bot <bot@example.com> 2023-11-14 23:15:00 +0100")
        #expect(try S.git(root, "log", "--format=%H", "main..HEAD") == commit.hex)
        #expect(try repo.status() == [GitStatusEntry(path: "b.txt", state: "modified")], "the work tree is untouched")
        #expect(S.read(root + "/b.txt") == "unstaged\n")
        #expect(try S.git(root, "status", "--porcelain") == "M b.txt", "git sees the same index")
    }

    @Test func theFirstCommitOnAnUnbornBranchHasNoParent() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let repo = try GitRepository.initialize(at: root, bare: false)
        try S.write("hello\n", to: root + "/README.md")
        try repo.stage(["README.md"])
        let commit = try repo.commitIndex(message: "first\n", author: S.author)
        #expect(try repo.commit(commit).parents == [])
        #expect(try repo.currentBranch() == "main")
        #expect(try repo.resolve("main") == commit)
        #expect(try repo.status() == [])
    }

    @Test func badPathsStageNothing() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, _) = try S.repository(at: root, files: ["a.txt": "a\n", ".gitignore": "*.log\nbuild/\n"])
        try S.write("changed\n", to: root + "/a.txt")
        try S.write("log\n", to: root + "/x.log")
        try S.write("out\n", to: root + "/build/out")

        let missing = try #require(throws: GitError.self) { try repo.stage(["a.txt", "nope.txt"]) }
        #expect(missing.message.contains("nope.txt"), "got: \(missing.message)")
        let ignored = try #require(throws: GitError.self) { try repo.stage(["a.txt", "x.log"]) }
        #expect(ignored.message.contains("x.log"), "libgit2 names the ignored file: \(ignored.message)")
        let ignoredFolder = try #require(throws: GitError.self) { try repo.stage(["a.txt", "build"]) }
        #expect(ignoredFolder.message.contains("build"), "got: \(ignoredFolder.message)")
        let noMessage = try #require(throws: GitError.self) { try repo.commitIndex(message: " \n\n", author: S.author) }
        #expect(noMessage.message.contains("empty message"))
        for outside in ["../a.txt", "/etc/passwd", "", ".", ".git/config", "a/../a.txt"] {
            #expect(throws: GitError.self, "\(outside)") { try repo.stage([outside]) }
        }
        #expect(try S.git(root, "diff", "--cached", "--name-only") == "", "nothing reached the index on disk")
        let empty = try #require(throws: GitError.self) { try repo.commitIndex(message: "x\n", author: S.author) }
        #expect(empty.message.contains("nothing to commit"), "not even in the repository's index in memory: \(empty.message)")
    }

    @Test func aLockedIndexIsNamedAndStagesNothing() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, _) = try S.repository(at: root, files: ["a.txt": "a\n"])
        try S.write("changed\n", to: root + "/a.txt")
        let lock = root + "/.git/index.lock"
        try S.write("", to: lock)
        let locked = try #require(throws: GitError.self) { try repo.stage(["a.txt"]) }
        #expect(locked.message == "\(lock) exists: another git process is using this repository; wait for it, or remove the file if none is running")
        #expect(S.read(lock) == "", "the other process's lock is left alone")
        try FileManager.default.removeItem(atPath: lock)
        #expect(try S.git(root, "diff", "--cached", "--name-only") == "", "nothing reached the index")
        try repo.stage(["a.txt"])
        #expect(try S.git(root, "diff", "--cached", "--name-only") == "a.txt")
    }

    @Test func globCharactersAreLiteral() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, _) = try S.repository(at: root, files: ["a1.txt": "1\n", "keep.txt": "k\n"])
        try S.write("literal\n", to: root + "/a[1].txt")
        try S.write("changed\n", to: root + "/a1.txt")
        try S.write("changed\n", to: root + "/keep.txt")
        try repo.stage(["a[1].txt"])
        let staged = try S.git(root, "diff", "--cached", "--name-only")
        #expect(staged == "a[1].txt", "got: \(staged)")
        #expect(throws: GitError.self) { try repo.stage(["*.txt"]) }
        #expect(throws: GitError.self) { try repo.stage(["*.txt"], includingIgnored: true) }
        #expect(try S.git(root, "diff", "--cached", "--name-only") == "a[1].txt", "globs never widen what is staged")
    }

    @Test func refusesEmptyAndDetachedCommits() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, base) = try S.repository(at: root, files: ["a.txt": "a\n"])
        #expect(throws: GitError.self) { try repo.commitIndex(message: "empty\n", author: S.author) }
        let empty = try repo.commitIndex(message: "empty on purpose\n", author: S.author, allowEmpty: true)
        #expect(try repo.commit(empty).parents == [base])

        try repo.detachHead()
        try S.write("b\n", to: root + "/a.txt")
        try repo.stage(["a.txt"])
        let detached = try #require(throws: GitError.self) { try repo.commitIndex(message: "x\n", author: S.author) }
        #expect(detached.message.contains("detached"))
        #expect(try repo.resolve("HEAD") == empty)
    }

    @Test func ignoredFilesTheCallerWroteCanBeForced() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, _) = try S.repository(at: root, files: ["a.txt": "a\n", ".gitignore": "*.log\ndata/\n"])
        try S.write("{}\n", to: root + "/data/evidence/gate.json")
        try S.write("qa output\n", to: root + "/data/evidence/qa/1.log")
        #expect(throws: GitError.self) { try repo.stage(["data/evidence"]) }
        try repo.stage(["data/evidence"], includingIgnored: true)
        let commit = try repo.commitIndex(message: "evidence  \n\n\n", author: S.author)
        #expect(try repo.commit(commit).message == "evidence\n", "tidied like git commit does")
        #expect(try S.git(root, "show", "--name-only", "--format=", "HEAD") == "data/evidence/gate.json\ndata/evidence/qa/1.log")

        try FileManager.default.removeItem(atPath: root + "/data/evidence/qa/1.log")
        try S.write("{\"v\":2}\n", to: root + "/data/evidence/gate.json")
        try repo.stage(["data/evidence"], includingIgnored: true)
        _ = try repo.commitIndex(message: "evidence again\n", author: S.author)
        #expect(try S.git(root, "show", "--name-status", "--format=", "HEAD") == "M\tdata/evidence/gate.json\nD\tdata/evidence/qa/1.log")
    }
}
