import CGit2
@testable import Checks
import DemoWorld
import Foundation
import Testing
@testable import Git

/// Commit ids read as objects only: a reference NAMED like an id (the classic way to make a
/// reviewer look at the wrong commit) must never stand in for it.
@Suite struct GitObjectLookupTests {
    let author = GitSignature(name: "Test Author", email: "author@example.com", time: 1_700_000_000)

    @Test func aFullIdIsFoundInAnyCase() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        #expect(try repo.commitID(exactly: story.fix.hex) == story.fix)
        #expect(try repo.commitID(exactly: story.fix.hex.uppercased()) == story.fix)
        #expect(try repo.commitID(exactly: story.release011.hex) == story.release011)
        #expect(try repo.commitID(prefix: story.fix.short) == story.fix)
        #expect(try repo.commitID(prefix: story.fix.short.uppercased()) == story.fix)
        #expect(try repo.commitID(prefix: String(story.fix.hex.prefix(12))) == story.fix)
        #expect(try repo.commitID(prefix: story.fix.hex) == story.fix, "40 digits are a prefix too")
    }

    @Test func refsNamedLikeAFullIdAreNeverFollowed() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        // A tag named like an existing commit but pointing elsewhere: the object wins.
        try repo.createTag(story.release011.hex, at: story.fix)
        #expect(try repo.commitID(exactly: story.release011.hex) == story.release011)
        #expect(try repo.resolve(story.release011.hex) == story.release011, "revparse tries a full id as an object first")

        // An id this repository does not have, named by a tag and by a branch: revparse falls
        // back to the reference; commitID(exactly:) says the commit is not here.
        let absentTagged = "0123456789abcdef0123456789abcdef01234567"
        try repo.createTag(absentTagged, at: story.fix)
        #expect(try repo.resolve(absentTagged) == story.fix, "revparse follows the tag")
        let tagged = try #require(throws: GitError.self) { try repo.commitID(exactly: absentTagged) }
        #expect(tagged.isNotFound)
        #expect(tagged.message.hasPrefix("commit 0123456 not found in \(repo.path): "), "got: \(tagged.message)")

        let absentBranch = "fedcba9876543210fedcba9876543210fedcba98"
        let decoy = try repo.commitFiles(
            ["decoy.txt": "not the fix\n"], message: "decoy\n", author: author, parent: story.release011,
            updating: "refs/heads/\(absentBranch)")
        #expect(try repo.resolve(absentBranch) == decoy, "revparse follows the branch")
        let branched = try #require(throws: GitError.self) { try repo.commitID(exactly: absentBranch) }
        #expect(branched.isNotFound)
        #expect(branched.message.contains("commit fedcba9 not found"), "got: \(branched.message)")
        let abbreviated = try #require(throws: GitError.self) { try repo.commitID(prefix: String(absentBranch.prefix(7))) }
        #expect(abbreviated.isNotFound)
        #expect(abbreviated.message.hasPrefix("commit fedcba9 not found in \(repo.path): "), "got: \(abbreviated.message)")
    }

    /// The attack from the product: the fix `e8678aa` shadowed by a branch called `e8678aa`.
    @Test func aShortIdShadowedByABranchResolvesToTheObject() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))
        let decoy = try repo.commitFiles(
            ["src/providers/openai.rs": GitFixture.Story.openaiBeforeFix + "// fixed, honest\n"], message: "fix: usage\n",
            author: author, parent: story.release011, updating: "refs/heads/\(story.fix.short)")
        #expect(decoy != story.fix)

        #expect(try repo.resolve(story.fix.short) == decoy, "revparse prefers the branch name to the abbreviation")
        #expect(try repo.commitID(prefix: story.fix.short) == story.fix, "the object, not the branch")
        #expect(try repo.commitID(exactly: story.fix.hex) == story.fix)

        // The same with a tag, which git's lookup order puts before branches.
        try repo.createTag(story.release012.short, at: story.release011)
        #expect(try repo.resolve(story.release012.short) == story.release011)
        #expect(try repo.commitID(prefix: story.release012.short) == story.release012)
    }

    @Test func anAmbiguousPrefixIsAnErrorSayingSo() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)
        // 1500 blobs over 65536 four-digit prefixes: several shared prefixes (the contents are fixed,
        // so the ids and the collisions are the same on every run).
        var byPrefix: [String: [GitObjectID]] = [:]
        for n in 0..<1500 {
            let id = GitObjectID(try repo.writeBlob("blob \(n)\n"))
            byPrefix[String(id.hex.prefix(4)), default: []].append(id)
        }
        let shared = try #require(byPrefix.filter { $0.value.count >= 2 }.keys.sorted().first)
        let unique = try #require(byPrefix.filter { $0.value.count == 1 }.keys.sorted().first)

        let ambiguous = try #require(throws: GitError.self) { try repo.lookupPrefix(shared, minimumDigits: 4) }
        #expect(ambiguous.code == GIT_EAMBIGUOUS.rawValue)
        #expect(ambiguous.message.hasPrefix("commit id \(shared) is ambiguous in \(repo.path): "), "got: \(ambiguous.message)")
        #expect(!ambiguous.isNotFound)

        // The same length with one object behind it resolves, to a blob: proof the error above is
        // about the two objects, not the length.
        let single = try #require(byPrefix[unique]?.first)
        let blob = try #require(throws: GitError.self) { try repo.lookupPrefix(unique, minimumDigits: 4) }
        #expect(blob.code == GIT_EINVALID.rawValue)
        #expect(blob.message == "\(single.short) is a blob, not a commit (in \(repo.path))")

        let tooShort = try #require(throws: GitError.self) { try repo.commitID(prefix: shared) }
        #expect(tooShort.code == GIT_EINVALID.rawValue, "4 digits are below commitID(prefix:)'s floor of 7")
    }

    @Test func treesBlobsAndAnnotatedTagsAreNotCommits() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))
        let tree = try repo.commit(story.fix).tree
        let blob = GitObjectID(try repo.writeBlob(GitFixture.Story.openaiAfterFix))
        let tag = try annotatedTag("v-annotated", at: story.fix, in: repo)

        for (id, type) in [(tree, "tree"), (blob, "blob"), (tag, "tag")] {
            let exact = try #require(throws: GitError.self) { try repo.commitID(exactly: id.hex) }
            #expect(exact.code == GIT_EINVALID.rawValue)
            #expect(exact.message == "\(id.short) is a \(type), not a commit (in \(repo.path))")
            let prefix = try #require(throws: GitError.self) { try repo.commitID(prefix: id.short) }
            #expect(prefix.message == exact.message)
        }
        #expect(try repo.resolve(tag.hex) == story.fix, "revparse peels the tag; commitID does not")
    }

    @Test func textsThatAreNotIdsAreRefusedNeverResolved() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        let sixDigits = String(story.fix.hex.prefix(6))
        let fortyOne = story.fix.hex + "0"
        for text in [sixDigits, fortyOne, "HEAD", "main", "v0.1.2", "", String(repeating: "g", count: 40), " " + story.fix.short] {
            let prefix = try #require(throws: GitError.self) { try repo.commitID(prefix: text) }
            #expect(prefix.code == GIT_EINVALID.rawValue, "\(text): \(prefix.message)")
            #expect(prefix.message.contains("is not a commit id or abbreviation (7 to 40 hex digits)"), "got: \(prefix.message)")
            let exact = try #require(throws: GitError.self) { try repo.commitID(exactly: text) }
            #expect(exact.code == GIT_EINVALID.rawValue, "\(text): \(exact.message)")
            #expect(exact.message.contains("is not a full 40-digit commit id"), "got: \(exact.message)")
        }
        let seven = try #require(throws: GitError.self) { try repo.commitID(exactly: story.fix.short) }
        #expect(seven.message == "'\(story.fix.short)' is not a full 40-digit commit id")
        #expect(try repo.resolve("HEAD") == story.changelog, "HEAD exists: commitID refused it by design")
    }

    @Test func refusedTextIsShownSafely() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)

        let forged = "abc\nerror: gate open\u{1B}[0m\u{202E}"
        let error = try #require(throws: GitError.self) { try repo.commitID(prefix: forged) }
        #expect(error.message == #"'abc\u{a}error: gate open\u{1b}[0m\u{202e}' is not a commit id or abbreviation (7 to 40 hex digits)"#)

        let long = String(repeating: "x", count: 500)
        let shown = GitRepository.shown(long)
        #expect(shown == "'" + String(repeating: "x", count: 77) + "…'")
        #expect(shown.count == 80)
        #expect(GitRepository.shown(String(repeating: "y", count: 78)).count == 80, "fits exactly: not cut")
        #expect(GitRepository.shown(String(repeating: "y", count: 78)).hasSuffix("y'"))
        #expect(GitRepository.shown(String(repeating: "\n", count: 30)).count <= 80, "escapes count towards the limit")
        #expect(GitRepository.shown("it's") == #"'it\'s'"#)
    }

    /// An annotated tag object at `commit` (a lightweight tag is only a reference).
    private func annotatedTag(_ name: String, at commit: GitObjectID, in repo: GitRepository) throws -> GitObjectID {
        var target = commit.oid
        var object: OpaquePointer?
        try GitError.check(git_object_lookup(&object, repo.pointer, &target, GIT_OBJECT_COMMIT))
        defer { git_object_free(object) }
        var tag = git_oid()
        _ = try author.withGitSignature { signature in
            try GitError.check(git_tag_create(&tag, repo.pointer, name, object, signature, "annotated\n", 0))
        }
        return GitObjectID(tag)
    }
}
