import Checks
import Foundation
import Runbook
import Testing
@testable import Git

@Suite struct RunbookGitBranchTests {
    typealias S = GitRunbookSupport

    @Test func currentBranchIsMainUnbornCountsAndDetachedIsNil() throws {
        let folder = try GitRunbookFolder()
        let unborn = try GitRepository.initialize(at: folder.sub("empty"), bare: false, initialBranch: "trunk")
        #expect(try unborn.currentBranch() == "trunk", "an unborn branch is still a branch")
        #expect(try unborn.branchExists("trunk") == false, "but it has no ref yet")
        #expect(throws: GitError.self) { try unborn.detachHead() }

        let (repo, first) = try S.repository(at: folder.sub("repo"), files: ["f": "1\n"])
        #expect(try repo.currentBranch() == "main")
        #expect(try repo.branchExists("main"))
        #expect(try repo.branchExists("nope") == false)
        try repo.detachHead()
        #expect(try repo.currentBranch() == nil)
        #expect(try S.git(folder.sub("repo"), "rev-parse", "--abbrev-ref", "HEAD") == "HEAD", "git agrees HEAD is detached")
        #expect(try repo.resolve("HEAD") == first)
        #expect(try repo.status() == [])
    }

    @Test func branchNamesFollowGitsRules() throws {
        let folder = try GitRunbookFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo"), bare: false)
        for good in ["main", "deps/alchemy-llm-0.1.2", "feature_x", "v1.2"] {
            #expect(repo.isValidBranchName(good), "\(good)")
        }
        for bad in ["", "HEAD", "-x", "a b", "a..b", "x.lock", "a~1", "a^", "a:b", "/a", "a/", "a//b", "@", "a@{1}", "\u{7f}"] {
            #expect(!repo.isValidBranchName(bad), "\(bad)")
        }
        let error = try #require(throws: GitError.self) { try repo.branchExists("a..b") }
        #expect(error.message.contains("not a valid branch name"))
    }

    @Test func createAtHeadOrACommitThenDelete() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, first) = try S.repository(at: root, files: ["f": "1\n"])
        let second = try repo.commitFiles(["f": "2\n"], message: "second\n", author: S.author, parent: nil)
        try repo.forceCheckoutHead()

        try repo.createBranch("deps/alchemy-llm-0.1.2")
        try repo.createBranch("old", at: first)
        #expect(try repo.resolve("refs/heads/deps/alchemy-llm-0.1.2") == second)
        #expect(try repo.resolve("refs/heads/old") == first)
        #expect(try repo.currentBranch() == "main", "creating a branch does not switch to it")
        #expect(try S.git(root, "branch", "--list", "--format=%(refname:short)") == "deps/alchemy-llm-0.1.2\nmain\nold")

        let exists = try #require(throws: GitError.self) { try repo.createBranch("old") }
        #expect(exists.message.contains("exists"), "libgit2's message: \(exists.message)")
        #expect(try repo.resolve("refs/heads/old") == first, "an existing branch is never moved")
        #expect(throws: GitError.self) { try repo.createBranch("bad name") }

        try repo.deleteBranch("old")
        #expect(try repo.branchExists("old") == false)
        #expect(throws: GitError.self) { try repo.deleteBranch("old") }
        let current = try #require(throws: GitError.self) { try repo.deleteBranch("main") }
        #expect(current.message.contains("HEAD"), "libgit2 refuses the current branch: \(current.message)")
        #expect(try repo.resolve("main") == second)

        let unborn = try GitRepository.initialize(at: folder.sub("empty"), bare: false)
        #expect(throws: GitError.self) { try unborn.createBranch("x") }
    }

    @Test func checkoutKeepsLocalChangesThatDoNotConflict() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, base) = try S.repository(at: root, files: ["f.txt": "1\n", "g.txt": "g\n", ".gitignore": "*.log\n"])
        try repo.createBranch("topic")
        let topic = try repo.commitFiles(
            ["g.txt": "g on topic\n", "h.txt": "new on topic\n"], message: "topic\n", author: S.author, parent: base,
            updating: "refs/heads/topic")

        try S.write("local edit\n", to: root + "/f.txt")
        try S.write("untracked\n", to: root + "/u.txt")
        try repo.checkoutBranch("topic")

        #expect(try repo.currentBranch() == "topic")
        #expect(S.read(root + "/f.txt") == "local edit\n", "the uncommitted edit is carried over")
        #expect(S.read(root + "/u.txt") == "untracked\n")
        #expect(S.read(root + "/g.txt") == "g on topic\n", "files the branches differ in are switched")
        #expect(S.read(root + "/h.txt") == "new on topic\n")
        #expect(try repo.status() == [
            GitStatusEntry(path: "f.txt", state: "modified"), GitStatusEntry(path: "u.txt", state: "untracked"),
        ])
        #expect(try repo.resolve("main") == base, "the starting branch is unchanged")
        #expect(try repo.resolve("topic") == topic)
        #expect(try S.git(root, "symbolic-ref", "HEAD") == "refs/heads/topic")

        try repo.checkoutBranch("main")
        #expect(S.read(root + "/g.txt") == "g\n")
        #expect(!FileManager.default.fileExists(atPath: root + "/h.txt"), "a file only on topic goes away")
        #expect(S.read(root + "/f.txt") == "local edit\n")
    }

    @Test func theRolloutPatternNewBranchAtHeadWithADirtyTree() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, base) = try S.repository(at: root, files: ["Cargo.toml": "a = \"0.1.1\"\n"])
        try S.write("a = \"0.1.2\"\n", to: root + "/Cargo.toml")
        try repo.createBranch("deps/a-0.1.2")
        try repo.checkoutBranch("deps/a-0.1.2")
        #expect(try repo.currentBranch() == "deps/a-0.1.2")
        #expect(S.read(root + "/Cargo.toml") == "a = \"0.1.2\"\n")
        #expect(try repo.resolve("main") == base)
    }

    @Test func checkoutRefusesToOverwriteLocalChangesAndNamesThem() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, base) = try S.repository(at: root, files: ["f.txt": "1\n", "g.txt": "g\n"])
        let topic = try repo.commitFiles(
            ["f.txt": "2 on topic\n", "g.txt": "g on topic\n", "new.txt": "topic\n"], message: "topic\n", author: S.author,
            parent: base, updating: "refs/heads/topic")
        try S.write("precious\n", to: root + "/f.txt")
        try S.write("also precious\n", to: root + "/new.txt")

        let error = try #require(throws: GitError.self) { try repo.checkoutBranch("topic") }
        #expect(error.message.contains("f.txt") && error.message.contains("new.txt"), "got: \(error.message)")
        #expect(!error.message.contains("g.txt"))
        #expect(error.message.contains("conflict"), "libgit2's own words are kept: \(error.message)")
        #expect(try repo.currentBranch() == "main")
        #expect(S.read(root + "/f.txt") == "precious\n")
        #expect(S.read(root + "/new.txt") == "also precious\n")
        #expect(S.read(root + "/g.txt") == "g\n", "nothing was half switched")
        #expect(try repo.resolve("main") == base)
        #expect(try repo.resolve("topic") == topic)

        let missing = try #require(throws: GitError.self) { try repo.checkoutBranch("absent") }
        #expect(missing.message.contains("absent"))
        #expect(try repo.currentBranch() == "main")
    }
}
