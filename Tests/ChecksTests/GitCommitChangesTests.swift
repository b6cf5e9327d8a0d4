import CGit2
@testable import Checks
import DemoWorld
import Foundation
import Testing
@testable import Git

/// What a commit changed, line by line: the evidence that a fix commit did what it says.
@Suite struct GitCommitChangesTests {
    let author = GitSignature(name: "Test Author", email: "author@example.com", time: 1_700_000_000)
    typealias S = GitFixture.Story

    @Test func theFixCommitModifiesOpenaiAndAddsTheTests() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        let changes = try repo.changes(of: story.fix)
        #expect(changes.commit == story.fix)
        #expect(changes.parent == story.release011)
        #expect(changes.parentCount == 1)
        #expect(changes.files.map(\.path) == ["src/providers/openai.rs", "tests/usage_semantics.rs"])

        let openai = try #require(changes.files.first)
        #expect(openai.status == .modified)
        #expect(openai.oldID == blobID(S.openaiBeforeFix))
        #expect(openai.newID == blobID(S.openaiAfterFix))
        #expect(!openai.isBinary)

        // As `git diff -U3` shows the two texts: one hunk, @@ -3,16 +3,22 @@ (old lines 3-18, new 3-24).
        let old = lines(S.openaiBeforeFix), new = lines(S.openaiAfterFix)
        func context(_ o: Int, _ n: Int) -> GitDiffLine { GitDiffLine(origin: .context, text: old[o - 1], oldLine: o, newLine: n) }
        func removed(_ o: Int) -> GitDiffLine { GitDiffLine(origin: .removed, text: old[o - 1], oldLine: o, newLine: nil) }
        func added(_ n: Int) -> GitDiffLine { GitDiffLine(origin: .added, text: new[n - 1], oldLine: nil, newLine: n) }
        let expected: [GitDiffLine] =
            [context(3, 3), context(4, 4), context(5, 5), added(6), context(6, 7)] + (7...13).map(removed) + (8...18).map(added)
            + [context(14, 19), context(15, 20), added(21), context(16, 22), removed(17), added(23), context(18, 24)]
        #expect(openai.hunks == [GitHunk(oldStart: 3, oldLines: 16, newStart: 3, newLines: 22, lines: expected)])

        let hunk = try #require(openai.hunks.first)
        #expect(hunk.lines.filter { $0.origin == .removed }.last
            == GitDiffLine(origin: .removed, text: "    usage.input + usage.cache_read > context_window", oldLine: 17, newLine: nil))
        #expect(hunk.lines.filter { $0.origin == .added }.last
            == GitDiffLine(origin: .added, text: "    usage.input > context_window", oldLine: nil, newLine: 23))
        #expect(hunk.lines[3].text == "/// Provider-raw usage: `input`/`output` are exactly what the provider reported.")
        // Context lines are the same text on both sides.
        for line in hunk.lines where line.origin == .context {
            #expect(new[(line.newLine ?? 0) - 1] == line.text)
        }

        let tests = try #require(changes.files.last)
        let testLines = lines(S.usageTests)
        #expect(tests.status == .added)
        #expect(tests.oldID == nil)
        #expect(tests.newID == blobID(S.usageTests))
        #expect(tests.hunks == [GitHunk(
            oldStart: 0, oldLines: 0, newStart: 1, newLines: testLines.count,
            lines: testLines.enumerated().map { GitDiffLine(origin: .added, text: $1, oldLine: nil, newLine: $0 + 1) })])
        #expect(testLines.count == 17 && testLines[0] == "use alchemy_llm::providers::openai::{is_context_overflow, map_usage};")
    }

    @Test func aRootCommitAddsEveryFile() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        let changes = try repo.changes(of: story.release011)
        #expect(changes.parent == nil)
        #expect(changes.parentCount == 0)
        #expect(changes.files.map(\.path) == ["Cargo.toml", "README.md", "src/lib.rs", "src/providers/mod.rs", "src/providers/openai.rs"])
        #expect(changes.files.allSatisfy { $0.status == .added && $0.oldID == nil && !$0.isBinary && $0.hunks.count == 1 })
        let readme = try #require(changes.files.first { $0.path == "README.md" })
        #expect(readme.newID == blobID(S.readme))
        #expect(readme.hunks.first?.lines == lines(S.readme).enumerated().map {
            GitDiffLine(origin: .added, text: $1, oldLine: nil, newLine: $0 + 1)
        })
        #expect(readme.hunks.first?.lines.first?.text == "# alchemy-llm")
    }

    @Test func aMergeIsDiffedAgainstItsFirstParent() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))
        let topic = try repo.commitFiles(
            ["topic.txt": "topic\n"], message: "topic\n", author: author, parent: story.release011, updating: "refs/heads/topic")
        let merge = try repo.commitFiles(
            ["merged.txt": "merged\n"], message: "merge topic\n", author: author, parent: story.changelog, mergeParents: [topic],
            updating: "refs/heads/main")

        let changes = try repo.changes(of: merge)
        #expect(changes.parentCount == 2)
        #expect(changes.parent == story.changelog)
        #expect(changes.files == [GitFileChange(
            status: .added, path: "merged.txt", oldID: nil, newID: blobID("merged\n"), isBinary: false,
            hunks: [GitHunk(oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: [
                GitDiffLine(origin: .added, text: "merged", oldLine: nil, newLine: 1),
            ])])], "against the second parent CHANGELOG.md, tests/… and more would differ")
    }

    @Test func aDeletionRemovesEveryLine() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))
        let deletion = try repo.commitFiles(["README.md": nil], message: "drop readme\n", author: author, parent: nil)

        let changes = try repo.changes(of: deletion)
        #expect(changes.parent == story.changelog)
        let readme = lines(S.readme)
        #expect(changes.files == [GitFileChange(
            status: .deleted, path: "README.md", oldID: blobID(S.readme), newID: nil, isBinary: false,
            hunks: [GitHunk(
                oldStart: 1, oldLines: readme.count, newStart: 0, newLines: 0,
                lines: readme.enumerated().map { GitDiffLine(origin: .removed, text: $1, oldLine: $0 + 1, newLine: nil) })])])
    }

    @Test func lineEndingsMissingNewlinesAndInvalidUTF8() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)
        let first = try repo.commitFiles(
            ["crlf.txt": "one\r\ntwo\r\nthree\r\n", "cr.txt": "a\rb\r\nkeep\n", "end.txt": "first\nlast"],
            message: "first\n", author: author, parent: nil)
        let second = try repo.commitFiles(
            ["crlf.txt": "one\r\nTWO\r\nthree\r\n", "cr.txt": "a\rB\r\nkeep\n", "end.txt": "first\nlast!"],
            message: "second\n", author: author, parent: first)

        let files = try repo.changes(of: second).files
        #expect(files.map(\.path) == ["cr.txt", "crlf.txt", "end.txt"])
        #expect(files[0].hunks.first?.lines == [
            GitDiffLine(origin: .removed, text: "a\rb", oldLine: 1, newLine: nil),
            GitDiffLine(origin: .added, text: "a\rB", oldLine: nil, newLine: 1),
            GitDiffLine(origin: .context, text: "keep", oldLine: 2, newLine: 2),
        ], "only a \\r before the \\n is part of the line ending")
        #expect(files[1].hunks.first?.lines == [
            GitDiffLine(origin: .context, text: "one", oldLine: 1, newLine: 1),
            GitDiffLine(origin: .removed, text: "two", oldLine: 2, newLine: nil),
            GitDiffLine(origin: .added, text: "TWO", oldLine: nil, newLine: 2),
            GitDiffLine(origin: .context, text: "three", oldLine: 3, newLine: 3),
        ])
        #expect(files[2].hunks == [GitHunk(oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [
            GitDiffLine(origin: .context, text: "first", oldLine: 1, newLine: 1),
            GitDiffLine(origin: .removed, text: "last", oldLine: 2, newLine: nil),
            GitDiffLine(origin: .added, text: "last!", oldLine: nil, newLine: 2),
        ])], "the two \"\\ No newline at end of file\" markers are left out")

        let latin1 = try RawGit.blob([0x63, 0x61, 0x66, 0xE9, 0x0A, 0x6F, 0x6B, 0x0A], in: repo)  // "caf\xE9\nok\n"
        let tree = try RawGit.tree([("latin1.txt", latin1, GIT_FILEMODE_BLOB)], in: repo)
        let raw = try RawGit.commit(tree: tree, parents: [], in: repo)
        #expect(try repo.changes(of: raw).files.first?.hunks.first?.lines.map(\.text) == ["caf\u{FFFD}", "ok"])
    }

    @Test func binaryFilesHaveNoHunks() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)
        let first = try repo.commitFiles(["data.bin": "PK\u{0}\u{3}\nabc\n", "text.txt": "t\n"], message: "first\n", author: author, parent: nil)
        let second = try repo.commitFiles(["data.bin": "PK\u{0}\u{4}\nabd\n"], message: "second\n", author: author, parent: first)

        let added = try repo.changes(of: first).files
        #expect(added.map(\.path) == ["data.bin", "text.txt"])
        #expect(added[0] == GitFileChange(
            status: .added, path: "data.bin", oldID: nil, newID: blobID("PK\u{0}\u{3}\nabc\n"), isBinary: true, hunks: []))
        #expect(!added[1].isBinary && added[1].hunks.count == 1)

        #expect(try repo.changes(of: second).files == [GitFileChange(
            status: .modified, path: "data.bin", oldID: blobID("PK\u{0}\u{3}\nabc\n"), newID: blobID("PK\u{0}\u{4}\nabd\n"),
            isBinary: true, hunks: [])])
    }

    @Test func typeChangesKeepTheirLinesAndSubmodulesAreSkipped() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let text = try RawGit.blob(Array("old content\n".utf8), in: repo)
        let link = try RawGit.blob(Array("../elsewhere".utf8), in: repo)
        let script = try RawGit.blob(Array("#!/bin/sh\nexit 0\n".utf8), in: repo)
        let keep = try RawGit.blob(Array("keep\n".utf8), in: repo)
        let first = try RawGit.commit(
            tree: try RawGit.tree(
                [("f", text, GIT_FILEMODE_BLOB), ("keep.txt", keep, GIT_FILEMODE_BLOB), ("s", script, GIT_FILEMODE_BLOB_EXECUTABLE)],
                in: repo),
            parents: [], in: repo)
        // f becomes a symbolic link, the script s becomes a submodule, a submodule "vendor" appears.
        let second = try RawGit.commit(
            tree: try RawGit.tree(
                [
                    ("f", link, GIT_FILEMODE_LINK), ("keep.txt", keep, GIT_FILEMODE_BLOB), ("s", story.fix.oid, GIT_FILEMODE_COMMIT),
                    ("vendor", story.fix.oid, GIT_FILEMODE_COMMIT),
                ],
                in: repo),
            parents: [first], in: repo)

        // libgit2 alone gives these type changes no hunks; the content change must still show.
        #expect(try repo.changes(of: second).files == [
            GitFileChange(
                status: .typeChanged, path: "f", oldID: GitObjectID(text), newID: GitObjectID(link), isBinary: false,
                hunks: [GitHunk(oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: [
                    GitDiffLine(origin: .removed, text: "old content", oldLine: 1, newLine: nil),
                    GitDiffLine(origin: .added, text: "../elsewhere", oldLine: nil, newLine: 1),
                ])]),
            GitFileChange(
                status: .typeChanged, path: "s", oldID: GitObjectID(script), newID: story.fix, isBinary: false,
                hunks: [GitHunk(oldStart: 1, oldLines: 2, newStart: 0, newLines: 0, lines: [
                    GitDiffLine(origin: .removed, text: "#!/bin/sh", oldLine: 1, newLine: nil),
                    GitDiffLine(origin: .removed, text: "exit 0", oldLine: 2, newLine: nil),
                ])]),
        ], "the added submodule vendor is skipped; the script that became one is not")
        #expect(GitFileChange.Status.typeChanged.rawValue == "type-changed")

        // Submodules that move or disappear: nothing to show.
        let third = try RawGit.commit(
            tree: try RawGit.tree(
                [("f", link, GIT_FILEMODE_LINK), ("keep.txt", keep, GIT_FILEMODE_BLOB), ("s", story.changelog.oid, GIT_FILEMODE_COMMIT)],
                in: repo),
            parents: [second], in: repo)
        #expect(try repo.changes(of: third).files == [])
    }

    @Test func theFileAndLineLimits() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)

        let lineLimit = GitRepository.changedLineLimit
        let atLimit = try repo.commitFiles(
            ["big.txt": String(repeating: "x\n", count: lineLimit)], message: "big\n", author: author, parent: nil)
        #expect(try repo.changes(of: atLimit).files.first?.hunks.first?.lines.count == lineLimit)
        let overLines = try repo.commitFiles(
            ["bigger.txt": String(repeating: "y\n", count: lineLimit + 1)], message: "bigger\n", author: author, parent: atLimit)
        let lineError = try #require(throws: GitError.self) { try repo.changes(of: overLines) }
        #expect(lineError.message == "commit \(overLines.short) changes more than the limit of 200000 diff lines")

        var many: [String: String?] = [:]
        for n in 0...GitRepository.changedFileLimit { many["f/\(n).txt"] = "\(n)\n" }
        let overFiles = try repo.commitFiles(many, message: "many\n", author: author, parent: overLines)
        let fileError = try #require(throws: GitError.self) { try repo.changes(of: overFiles) }
        #expect(fileError.message == "commit \(overFiles.short) changes 2001 files, more than the limit of 2000")

        let missing = try #require(throws: GitError.self) { try repo.changes(of: blobID("no such commit\n")) }
        #expect(missing.isNotFound)
    }

    /// A text's lines as the diff shows them (the last "\n" ends the last line).
    private func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
