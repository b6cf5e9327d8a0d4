import Checks
import Foundation
import Runbook
import Testing
@testable import Git

@Suite struct RunbookGitStatusTests {
    typealias S = GitRunbookSupport

    @Test func ignoredMeansUntrackedAndMatchedByTheRules() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        // kept.lock matches the rules but is tracked (force-added, as git add -f would).
        let (repo, _) = try S.repository(at: root, files: ["a.txt": "a\n", "kept.lock": "k\n", ".gitignore": "*.lock\nbuild/\n"])
        try S.write("lock\n", to: root + "/Cargo.lock")
        try S.write("out\n", to: root + "/build/out.bin")
        try S.write("new\n", to: root + "/new.txt")
        #expect(try repo.isIgnored("Cargo.lock"))
        #expect(try repo.isIgnored("build/out.bin"))
        #expect(try !repo.isIgnored("kept.lock"), "tracked files are never ignored")
        #expect(try !repo.isIgnored("new.txt"))
        #expect(try !repo.isIgnored("a.txt"))
        #expect(try !repo.isIgnored("absent.txt"))
    }

    @Test func listsModifiedNewDeletedUntrackedAndRenamedButNotIgnored() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, _) = try S.repository(at: root, files: [
            "a.txt": "a\n", "b.txt": "b\nlong enough to be recognised as the same file\n", "gone.txt": "x\n",
            ".gitignore": "*.log\nbuild/\n",
        ])
        #expect(try repo.status() == [], "a fresh checkout is clean")

        try S.write("a changed\n", to: root + "/a.txt")
        try FileManager.default.removeItem(atPath: root + "/gone.txt")
        try S.write("new\n", to: root + "/docs/deep/new.md")
        try S.write("noise\n", to: root + "/debug.log")
        try S.write("binary\n", to: root + "/build/out.bin")
        try S.write("staged\n", to: root + "/staged.txt")
        try FileManager.default.moveItem(atPath: root + "/b.txt", toPath: root + "/c.txt")
        try repo.stage(["staged.txt", "b.txt", "c.txt"])

        #expect(try repo.status() == [
            GitStatusEntry(path: "a.txt", state: "modified"),
            GitStatusEntry(path: "c.txt", state: "renamed"),
            GitStatusEntry(path: "docs/deep/new.md", state: "untracked"),
            GitStatusEntry(path: "gone.txt", state: "deleted"),
            GitStatusEntry(path: "staged.txt", state: "new"),
        ])
        // The git CLI agrees on which paths changed (ignored files stay out of both).
        let porcelain = try S.git(root, "status", "--porcelain", "--untracked-files=all")
        #expect(porcelain.split(separator: "\n").count == 5, "got: \(porcelain)")
        #expect(!porcelain.contains(".log") && !porcelain.contains("build/"))
    }

    @Test func typeChangeIsReported() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, _) = try S.repository(at: root, files: ["link": "target\n"])
        try FileManager.default.removeItem(atPath: root + "/link")
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "elsewhere")
        #expect(try repo.status() == [GitStatusEntry(path: "link", state: "typechange")])
    }

    @Test func aBareRepositoryHasNoStatusAndNoWorkTree() throws {
        let folder = try GitRunbookFolder()
        let bare = try GitRepository.initialize(at: folder.sub("bare.git"), bare: true)
        let error = try #require(throws: GitError.self) { try bare.status() }
        #expect(error.message.contains("bare"), "libgit2's message: \(error.message)")
        #expect(throws: GitError.self) { try bare.workdirPath }
        let (repo, _) = try S.repository(at: folder.sub("repo"), files: ["f": "1\n"])
        #expect(try repo.workdirPath == folder.sub("repo"))
        let nested = try GitRepository.discover(from: folder.sub("repo/.git"))
        #expect(try nested.workdirPath == folder.sub("repo"))
    }
}
