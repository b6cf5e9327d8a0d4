import Checks
import DemoWorld
import Foundation
import Testing
@testable import Git

/// Writing commits at object level, as the fixtures (and later the rollout) do.
@Suite struct GitCommitFilesTests {
    let author = GitSignature(name: "Test Author", email: "author@example.com", time: 1_700_000_000, offsetMinutes: 60)

    @Test func nestedPathsDeletionsAndAnUntouchedWorkTree() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo"), bare: false)
        #expect(repo.workdir == folder.sub("repo"))
        #expect(repo.path == folder.sub("repo/.git"))
        #expect(try repo.currentBranch() == "main")

        let first = try repo.commitFiles(
            ["a/b/c.txt": "deep\n", "a/top.txt": "top\n", "README.md": "hello\n"],
            message: "first\n", author: author, parent: nil)
        #expect(try repo.resolve("refs/heads/main") == first, "HEAD's unborn branch was created")
        #expect(try repo.commit(first).parents == [])
        #expect(try repo.commit(first).author == author)

        let second = try repo.commitFiles(
            ["a/b/c.txt": nil, "README.md": "hello again\n", "docs/new.md": "new\n"],
            message: "second\n", author: author, parent: nil)
        #expect(try repo.commit(second).parents == [first])
        #expect(try repo.fileText(at: second, path: "a/b/c.txt") == nil)
        #expect(try repo.fileText(at: second, path: "a/b") == nil, "an emptied folder disappears")
        #expect(try repo.fileText(at: second, path: "a/top.txt") == "top\n", "untouched files stay")
        #expect(try repo.fileText(at: second, path: "README.md") == "hello again\n")
        #expect(try repo.fileText(at: second, path: "docs/new.md") == "new\n")
        #expect(try repo.fileText(at: first, path: "a/b/c.txt") == "deep\n", "the parent is unchanged")
        #expect(folder.contents("repo") == [".git"], "the work tree is not touched")

        let third = try repo.commitFiles(["gone.txt": nil], message: "noop delete\n", author: author, parent: nil)
        #expect(try repo.commit(third).parents == [second], "deleting an absent path is not an error")
    }

    @Test func branchesParentsAndTheCompareAndSwapOnTheRef() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("bare.git"), bare: true, initialBranch: "trunk")
        #expect(repo.workdir == nil)
        let base = try repo.commitFiles(["f": "1\n"], message: "base\n", author: author, parent: nil)
        #expect(try repo.defaultBranchHead() == base)
        #expect(try repo.resolve("trunk") == base)

        let topic = try repo.commitFiles(
            ["f": "2\n"], message: "topic\n", author: author, parent: base, updating: "refs/heads/topic")
        #expect(try repo.resolve("topic") == topic)
        #expect(try repo.defaultBranchHead() == base, "HEAD's branch did not move")

        let stale = try #require(throws: GitError.self) {
            try repo.commitFiles(["f": "3\n"], message: "stale\n", author: author, parent: base, updating: "refs/heads/topic")
        }
        #expect(stale.message.contains("refs/heads/topic"), "got: \(stale.message)")
        #expect(try repo.resolve("topic") == topic, "a ref that moved on is never overwritten")

        try repo.setHead("refs/heads/topic")
        #expect(try repo.defaultBranchHead() == topic)
        try repo.createTag("v1", at: base)
        #expect(try repo.resolve("v1") == base)
        let again = try #require(throws: GitError.self) { try repo.createTag("v1", at: topic) }
        #expect(again.message.contains("v1"), "got: \(again.message)")
    }

    @Test func invalidPathsAndSignaturesAreErrors() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo"), bare: false)
        for bad in ["a//b", "/abs", "a/../b", "", "dir/"] {
            #expect(throws: GitError.self, "\(bad)") {
                try repo.commitFiles([bad: "x"], message: "m\n", author: author, parent: nil)
            }
        }
        #expect(throws: GitError.self) {
            try repo.commitFiles(["a": "x", "a/b": "y"], message: "m\n", author: author, parent: nil)
        }
        #expect(throws: GitError.self) {
            try repo.commitFiles(["a": "x"], message: "m\n", author: GitSignature(name: "", email: "", time: 0), parent: nil)
        }
        #expect(throws: GitError.self) { try GitRepository.initialize(at: folder.sub("repo"), bare: false) }
    }

    @Test func discoverWalksUpFromASubfolder() throws {
        let folder = try GitTestFolder()
        _ = try GitRepository.initialize(at: folder.sub("repo"), bare: false)
        try FileManager.default.createDirectory(atPath: folder.sub("repo/src/deep"), withIntermediateDirectories: true)
        let found = try GitRepository.discover(from: folder.sub("repo/src/deep"))
        #expect(found.workdir == folder.sub("repo"))
        #expect(throws: GitError.self) { try GitRepository.open(folder.sub("repo/src/deep")) }
    }
}
