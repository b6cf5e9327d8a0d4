import Checks
import DemoWorld
import Foundation
import Testing
@testable import Git

/// What a user sees when git cannot do what was asked: libgit2's own words, naming the thing.
@Suite struct GitErrorTests {
    @Test func openingAFolderThatIsNoRepositoryNamesIt() throws {
        let folder = try GitTestFolder()
        let error = try #require(throws: GitError.self) { try GitRepository.open(folder.path) }
        #expect(error.message.contains(folder.path), "got: \(error.message)")
        #expect(error.message.contains("could not find repository"), "libgit2's message; got: \(error.message)")
        #expect(error.isNotFound)
    }

    @Test func cloningFromAMissingPathFailsAndLeavesNothing() throws {
        let folder = try GitTestFolder()
        let missing = folder.sub("no-such-upstream")
        let error = try #require(throws: GitError.self) {
            try GitRepository.cloneBare(from: missing, to: folder.sub("cache/mirror.git"))
        }
        #expect(error.message.contains(missing), "got: \(error.message)")
        #expect(folder.contents("cache") == [], "no half-made mirror, no temporary folder")

        let url = try #require(throws: GitError.self) {
            try GitRepository.cloneBare(from: "file://\(missing)", to: folder.sub("cache/mirror.git"))
        }
        #expect(url.message.contains(missing), "got: \(url.message)")
    }

    @Test func cloningOverAnExistingFolderIsRefused() throws {
        let folder = try GitTestFolder()
        _ = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        try FileManager.default.createDirectory(atPath: folder.sub("mirror.git"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.sub("mirror.git/file")))
        let error = try #require(throws: GitError.self) {
            try GitRepository.cloneBare(from: folder.sub("upstream"), to: folder.sub("mirror.git"))
        }
        #expect(error.message.contains("is not an empty folder"), "got: \(error.message)")
        #expect(folder.contents("mirror.git") == ["file"])
    }

    @Test func resolvingAnUnknownCommitSaysWhichAndWhere() throws {
        let folder = try GitTestFolder()
        _ = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.cloneBare(from: folder.sub("upstream"), to: folder.sub("mirror.git"))

        let short = try #require(throws: GitError.self) { try mirror.resolve("4409a50") }
        #expect(short.message.hasPrefix("commit 4409a50 not found in \(mirror.path)"), "got: \(short.message)")
        let full = try #require(throws: GitError.self) { try mirror.resolve("4409a508150c7628e3b82e3103a7f7dd7f8ccb87") }
        #expect(full.message.hasPrefix("commit 4409a508150c7628e3b82e3103a7f7dd7f8ccb87 not found in \(mirror.path)"), "got: \(full.message)")
        let tag = try #require(throws: GitError.self) { try mirror.resolve("v9.9.9") }
        #expect(tag.message.hasPrefix("revision 'v9.9.9' not found in \(mirror.path)"), "got: \(tag.message)")
        #expect(tag.isNotFound)

        let absent = try #require(GitObjectID(hex: "4409a508150c7628e3b82e3103a7f7dd7f8ccb87"))
        let lookup = try #require(throws: GitError.self) { try mirror.commit(absent) }
        #expect(lookup.message.hasPrefix("commit 4409a50 not found in \(mirror.path)"), "got: \(lookup.message)")
    }

    @Test func provenanceOfAnAbsentCommitIsAnErrorNotAVerdict() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.open(folder.sub("upstream"))
        let absent = try #require(GitObjectID(hex: "4409a508150c7628e3b82e3103a7f7dd7f8ccb87"))
        #expect(throws: GitError.self) { try mirror.isSameOrDescendant(absent, of: story.fix) }
        #expect(throws: GitError.self) { try mirror.isSameOrDescendant(absent, of: absent) }
        #expect(throws: GitError.self) { try mirror.commits(from: story.changelog, excluding: absent) }
    }

    @Test func fileTextOfAFolderOrAnOversizedFileIsAnError() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        let error = try #require(throws: GitError.self) { try repo.fileText(at: story.fix, path: "src/providers") }
        #expect(error.message.hasPrefix("src/providers at commit \(story.fix.short)"), "got: \(error.message)")
        #expect(error.message.contains("is a folder"), "got: \(error.message)")

        let big = try #require(throws: GitError.self) { try repo.fileText(at: story.changelog, path: "CHANGELOG.md", maxBytes: 100) }
        #expect(big.message.contains("more than the limit of 100"), "got: \(big.message)")
    }
}
