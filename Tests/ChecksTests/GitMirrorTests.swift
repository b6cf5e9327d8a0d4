import Checks
import DemoWorld
import Foundation
import Testing
@testable import Git

/// The upstream story mirrored into a cache the way `check` does it, read back as `check` reads it.
@Suite struct GitMirrorTests {
    @Test func mirrorFromALocalPathResolvesIdsTagsAndHead() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.cloneBare(from: folder.sub("upstream"), to: folder.sub("cache/git/alchemy-rs.git"))

        #expect(mirror.workdir == nil)
        #expect(mirror.path.hasSuffix("cache/git/alchemy-rs.git"))
        #expect(try mirror.resolve(story.fix.hex) == story.fix)
        #expect(try mirror.resolve(story.fix.short) == story.fix)
        #expect(try mirror.resolve(story.fix.hex.uppercased()) == story.fix)
        #expect(try mirror.resolve("v0.1.2") == story.release012)
        #expect(try mirror.resolve("v0.1.1") == story.release011)
        #expect(try mirror.resolve("HEAD") == story.changelog)
        #expect(try mirror.resolve("main") == story.changelog)
        #expect(try mirror.defaultBranchHead() == story.changelog)
        #expect(try mirror.currentBranch() == "main")
        #expect(story.fix.short.count == 7 && story.fix.hex.hasPrefix(story.fix.short))
        #expect(GitObjectID(hex: story.fix.hex) == story.fix)
        #expect(GitObjectID(hex: story.fix.short) == nil, "abbreviations need a repository to resolve")
        #expect(folder.contents("cache/git") == ["alchemy-rs.git"], "no temporary clone left beside the mirror")
    }

    @Test func mirrorFromAFileURLHasTheSameHistory() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.cloneBare(from: "file://\(folder.sub("upstream"))", to: folder.sub("cache/mirror.git"))

        #expect(try mirror.defaultBranchHead() == story.changelog)
        #expect(try mirror.resolve("v0.1.2") == story.release012)
        #expect(try GitRemote.lookup("origin", in: mirror).url == "file://\(folder.sub("upstream"))")
    }

    @Test func commitsBetweenTheReleasesAreTheBumpAndTheFixNewestFirst() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.cloneBare(from: folder.sub("upstream"), to: folder.sub("mirror.git"))

        let between = try mirror.commits(from: story.release012, excluding: story.release011)
        #expect(between.map(\.id) == [story.release012, story.fix])
        #expect(between.map(\.summary) == ["chore(release): v0.1.2", "fix(openai): align usage semantics with provider raw tokens"])
        #expect(between[1].message == GitFixture.Story.fixMessage)
        #expect(between[1].message.contains("- context overflow check uses input only (no + cache_read)"))
        #expect(between[1].author == GitSignature(name: "Upstream Maintainer", email: "maintainer@example.com", time: GitFixture.epoch + 3600))
        #expect(between[0].parents == [story.fix])

        let all = try mirror.commits(from: story.changelog, excluding: nil)
        #expect(all.map(\.id) == [story.changelog, story.release012, story.fix, story.release011])
        #expect(all.last?.parents == [], "the 0.1.1 release is the root commit")
        #expect(try mirror.commits(from: story.changelog, excluding: nil, limit: 2).map(\.id) == [story.changelog, story.release012])
        #expect(try mirror.commits(from: story.fix, excluding: story.release012).isEmpty, "nothing of fix is missing from 0.1.2")
        #expect(try mirror.commit(story.fix) == between[1])
    }

    @Test func provenanceIsSameOrDescendant() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.cloneBare(from: folder.sub("upstream"), to: folder.sub("mirror.git"))

        #expect(try mirror.isSameOrDescendant(story.release012, of: story.fix))
        #expect(try mirror.isSameOrDescendant(story.fix, of: story.fix))
        #expect(try mirror.isSameOrDescendant(story.release011, of: story.fix) == false, "0.1.1 was built before the fix")
        #expect(try mirror.isSameOrDescendant(story.changelog, of: story.release011))
    }

    @Test func fileTextReadsFilesAtACommit() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.cloneBare(from: folder.sub("upstream"), to: folder.sub("mirror.git"))

        #expect(try mirror.fileText(at: story.release012, path: "CHANGELOG.md") == nil, "the changelog came after the bump")
        let changelog = try #require(try mirror.fileText(at: story.changelog, path: "CHANGELOG.md"))
        #expect(changelog.contains("## [0.1.2] - 2026-02-12\n\n### Fixed\n- `openai`: Align usage semantics with provider raw tokens\n"))
        #expect(changelog.contains("## [0.1.1]") && changelog.contains("## [0.1.0]"))
        #expect(try mirror.fileText(at: story.release011, path: "Cargo.toml")?.contains("version = \"0.1.1\"") == true)
        #expect(try mirror.fileText(at: story.release012, path: "Cargo.toml")?.contains("version = \"0.1.2\"") == true)
        #expect(try mirror.fileText(at: story.release011, path: "src/providers/openai.rs")?.contains("usage.input + usage.cache_read") == true)
        #expect(try mirror.fileText(at: story.fix, path: "src/providers/openai.rs")?.contains("usage.input > context_window") == true)
        #expect(try mirror.fileText(at: story.fix, path: "src/nothing/here.rs") == nil)
        #expect(try mirror.fileText(at: story.fix, path: "Cargo.toml/name") == nil, "below a file is absent, not an error")
    }

    @Test func fetchBringsNewUpstreamCommitsTagsAndDefaultBranch() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let mirror = try GitRepository.cloneBare(from: folder.sub("upstream"), to: folder.sub("mirror.git"))

        let upstream = try GitRepository.open(folder.sub("upstream"))
        let next = try GitFixture.append(
            [GitFixture.Step(files: ["Cargo.toml": GitFixture.Story.cargoToml(version: "0.1.3")],
                             message: "chore(release): v0.1.3\n", tag: "v0.1.3")],
            to: upstream, firstIndex: 4)[0]
        #expect(throws: GitError.self) { try mirror.resolve(next.hex) }

        try mirror.fetch()
        #expect(try mirror.resolve(next.hex) == next)
        #expect(try mirror.resolve("v0.1.3") == next)
        #expect(try mirror.defaultBranchHead() == next)
        #expect(try mirror.isSameOrDescendant(next, of: story.fix))

        // Upstream switches its default branch: the mirror's HEAD follows on the next fetch.
        let trunk = try upstream.commitFiles(
            ["NOTES.md": "trunk\n"], message: "docs: notes\n", author: GitFixture.author(step: 5),
            parent: story.release012, updating: "refs/heads/trunk")
        try upstream.setHead("refs/heads/trunk")
        try mirror.fetch()
        #expect(try mirror.currentBranch() == "trunk")
        #expect(try mirror.defaultBranchHead() == trunk)
        #expect(try mirror.resolve("main") == next, "other branches stay mirrored")
        try mirror.fetch()  // a steady-state fetch with nothing new succeeds
    }

    @Test func mirrorOfClonesOnceThenFetches() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let first = try GitRepository.mirror(of: folder.sub("upstream"), at: folder.sub("cache/m.git"))
        #expect(try first.defaultBranchHead() == story.changelog)

        let next = try GitFixture.append(
            [GitFixture.Step(files: ["NEWS.md": "news\n"], message: "docs: news\n")],
            to: GitRepository.open(folder.sub("upstream")), firstIndex: 4)[0]
        let second = try GitRepository.mirror(of: folder.sub("upstream"), at: folder.sub("cache/m.git"))
        #expect(try second.defaultBranchHead() == next)

        _ = try GitFixture.make(at: folder.sub("other"), steps: [GitFixture.Step(files: ["x": "y\n"], message: "x\n")])
        let error = try #require(throws: GitError.self) {
            try GitRepository.mirror(of: folder.sub("other"), at: folder.sub("cache/m.git"))
        }
        #expect(error.message.contains("mirrors \(folder.sub("upstream")), not \(folder.sub("other"))"), "got: \(error.message)")
    }

    @Test func theStoryIsTheSameBytesEveryTimeWithItsFilesCheckedOut() throws {
        let folder = try GitTestFolder()
        let one = try GitFixture.usageFixStory(at: folder.sub("one"))
        let two = try GitFixture.usageFixStory(at: folder.sub("two"))
        #expect(one.fix == two.fix && one.changelog == two.changelog)
        #expect(folder.contents("one") == [".git", "CHANGELOG.md", "Cargo.toml", "README.md", "src", "tests"])
        #expect(try String(contentsOfFile: folder.sub("one/CHANGELOG.md"), encoding: .utf8) == GitFixture.Story.changelog)

        let upstream = try GitRepository.open(folder.sub("one"))
        _ = try GitFixture.append(
            [GitFixture.Step(files: ["README.md": nil], message: "docs: drop README\n")], to: upstream, firstIndex: 4)
        #expect(!folder.contents("one").contains("README.md"), "the work tree follows appended steps")
        let bare = try GitRepository.initialize(at: folder.sub("bare.git"), bare: true)
        #expect(throws: GitError.self) { try bare.forceCheckoutHead() }
    }
}
