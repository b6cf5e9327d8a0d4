import CGit2
@testable import Checks
import Crypto
import DemoWorld
import Foundation
import Testing
@testable import Git

/// Listing a commit's files (what a release really ships) and reading their bytes.
@Suite struct GitTreeFilesTests {
    @Test func theStoryTreeListsEveryFileWithItsBlobId() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))
        typealias S = GitFixture.Story

        let before = try repo.treeFiles(of: story.release011, under: "")
        let expected011: [String: String] = [
            "Cargo.toml": S.cargoToml(version: "0.1.1"), "README.md": S.readme, "src/lib.rs": S.libRs,
            "src/providers/mod.rs": "pub mod openai;\n", "src/providers/openai.rs": S.openaiBeforeFix,
        ]
        #expect(before == expected011.reduce(into: [:]) { $0[$1.key] = GitTreeFile(path: $1.key, id: blobID($1.value), kind: .file) })

        let after = try repo.treeFiles(of: story.fix, under: "")
        #expect(after.keys.sorted() == [
            "Cargo.toml", "README.md", "src/lib.rs", "src/providers/mod.rs", "src/providers/openai.rs", "tests/usage_semantics.rs",
        ])
        #expect(after["src/providers/openai.rs"] == GitTreeFile(path: "src/providers/openai.rs", id: blobID(S.openaiAfterFix), kind: .file))
        #expect(after["tests/usage_semantics.rs"]?.id == blobID(S.usageTests))
        #expect(after["src/lib.rs"] == before["src/lib.rs"], "an untouched file keeps its blob")
        #expect(try repo.treeFiles(of: story.changelog, under: "")["CHANGELOG.md"]?.id == blobID(S.changelog))
    }

    @Test func aListingUnderAFolderIsRelativeToIt() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        let src = try repo.treeFiles(of: story.fix, under: "src")
        #expect(src.keys.sorted() == ["lib.rs", "providers/mod.rs", "providers/openai.rs"])
        #expect(src["providers/openai.rs"] == GitTreeFile(
            path: "providers/openai.rs", id: blobID(GitFixture.Story.openaiAfterFix), kind: .file))
        #expect(src["lib.rs"]?.path == "lib.rs")

        let providers = try repo.treeFiles(of: story.fix, under: "src/providers")
        #expect(providers.keys.sorted() == ["mod.rs", "openai.rs"])
        #expect(providers["mod.rs"]?.id == blobID("pub mod openai;\n"))
        #expect(try repo.treeFiles(of: story.release011, under: "src/providers")["openai.rs"]?.id == blobID(GitFixture.Story.openaiBeforeFix))
    }

    @Test func absentFoldersFilesAndUnsafePathsAreErrors() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        let absent = try #require(throws: GitError.self) { try repo.treeFiles(of: story.release011, under: "tests") }
        #expect(absent.isNotFound)
        #expect(absent.message.hasPrefix("folder 'tests' in commit \(story.release011.short) in \(repo.path) not found: "), "got: \(absent.message)")

        let file = try #require(throws: GitError.self) { try repo.treeFiles(of: story.fix, under: "src/lib.rs") }
        #expect(file.code == GIT_EINVALID.rawValue)
        #expect(file.message == "folder 'src/lib.rs' in commit \(story.fix.short) in \(repo.path) is not a folder")

        let underFile = try #require(throws: GitError.self) { try repo.treeFiles(of: story.fix, under: "README.md/x") }
        #expect(underFile.isNotFound, "got: \(underFile.message)")

        for unsafe in ["../x", "/x", "a//b", "src/", "./src", "src/.", "src/../src", "a\u{0}b", "/"] {
            let error = try #require(throws: GitError.self) { try repo.treeFiles(of: story.fix, under: unsafe) }
            #expect(error.code == GIT_EINVALID.rawValue)
            #expect(error.message.hasPrefix("folder \(GitRepository.shown(unsafe)) is not a plain relative path"), "got: \(error.message)")
            #expect(throws: GitError.self) { try repo.treeEntry(of: story.fix, at: unsafe) }
        }
        let missingCommit = try #require(throws: GitError.self) {
            try repo.treeFiles(of: try #require(GitObjectID(hex: String(repeating: "ab", count: 20))), under: "")
        }
        #expect(missingCommit.isNotFound)
    }

    @Test func treeEntryTellsFoldersFromFiles() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))

        #expect(try repo.treeEntry(of: story.fix, at: "src") == .folder)
        #expect(try repo.treeEntry(of: story.fix, at: "src/providers") == .folder)
        #expect(try repo.treeEntry(of: story.fix, at: "") == .folder, "the root")
        #expect(try repo.treeEntry(of: story.fix, at: "src/lib.rs")
            == .file(GitTreeFile(path: "src/lib.rs", id: blobID(GitFixture.Story.libRs), kind: .file)))
        #expect(try repo.treeEntry(of: story.release011, at: "tests/usage_semantics.rs") == nil)
        #expect(try repo.treeEntry(of: story.fix, at: "src/lib.rs/x") == nil, "below a file")
        #expect(try repo.treeEntry(of: story.fix, at: "SRC") == nil, "names are case-sensitive")
    }

    @Test func blobBytesReadsContentUpToTheLimit() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))
        let text = GitFixture.Story.libRs
        let id = blobID(text)

        #expect(try repo.blobBytes(id, maxBytes: 1 << 20) == Array(text.utf8))
        #expect(try repo.blobBytes(id, maxBytes: text.utf8.count) == Array(text.utf8), "the limit itself is allowed")
        let over = try #require(throws: GitError.self) { try repo.blobBytes(id, maxBytes: text.utf8.count - 1) }
        #expect(over.code == GIT_EINVALID.rawValue)
        #expect(over.message == "blob \(id.short) is \(text.utf8.count) bytes, more than the limit of \(text.utf8.count - 1)")

        let binary: [UInt8] = [0, 1, 2, 0xFF, 0xFE, 10, 13, 0]
        let binaryID = GitObjectID(try RawGit.blob(binary, in: repo))
        #expect(binaryID == blobID(bytes: binary))
        #expect(try repo.blobBytes(binaryID, maxBytes: 8) == binary)
        let empty = GitObjectID(try RawGit.blob([], in: repo))
        #expect(try repo.blobBytes(empty, maxBytes: 0) == [])

        let tree = try repo.commit(story.fix).tree
        let notBlob = try #require(throws: GitError.self) { try repo.blobBytes(tree, maxBytes: 1 << 20) }
        #expect(notBlob.message == "\(tree.short) is a tree, not a blob (in \(repo.path))")
        let absent = try #require(throws: GitError.self) { try repo.blobBytes(blobID("never written\n"), maxBytes: 100) }
        #expect(absent.isNotFound)
        #expect(absent.message.hasPrefix("blob \(blobID("never written\n").short) not found in \(repo.path): "))
    }

    @Test func symlinksExecutablesAndSubmodulesKeepTheirKind() throws {
        let folder = try GitTestFolder()
        let story = try GitFixture.usageFixStory(at: folder.sub("upstream"))
        let repo = try GitRepository.open(folder.sub("upstream"))
        let target = try RawGit.blob(Array("README.md".utf8), in: repo)
        let script = try RawGit.blob(Array("#!/bin/sh\n".utf8), in: repo)
        let vendor = try RawGit.tree([("lib", story.release011.oid, GIT_FILEMODE_COMMIT)], in: repo)
        let root = try RawGit.tree(
            [("link", target, GIT_FILEMODE_LINK), ("run.sh", script, GIT_FILEMODE_BLOB_EXECUTABLE), ("vendor", vendor, GIT_FILEMODE_TREE)],
            in: repo)
        let commit = try RawGit.commit(tree: root, parents: [], in: repo)

        let files = try repo.treeFiles(of: commit, under: "")
        #expect(files == [
            "link": GitTreeFile(path: "link", id: GitObjectID(target), kind: .symlink),
            "run.sh": GitTreeFile(path: "run.sh", id: GitObjectID(script), kind: .executable),
            "vendor/lib": GitTreeFile(path: "vendor/lib", id: story.release011, kind: .submodule),
        ])
        #expect(try repo.treeFiles(of: commit, under: "vendor") == ["lib": GitTreeFile(path: "lib", id: story.release011, kind: .submodule)])
        #expect(try repo.treeEntry(of: commit, at: "link") == .file(GitTreeFile(path: "link", id: GitObjectID(target), kind: .symlink)))
        let submodule = try #require(throws: GitError.self) { try repo.treeFiles(of: commit, under: "vendor/lib") }
        #expect(submodule.message.hasSuffix("is not a folder"))
        #expect(try repo.blobBytes(GitObjectID(target), maxBytes: 100) == Array("README.md".utf8), "a link's blob is its target")
    }

    @Test func deepNestingAndHugeTreesHitTheLimits() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)
        let blob = try RawGit.blob(Array("x\n".utf8), in: repo)

        // 70 nested folders d/d/d/…/f: deeper than 64.
        var deep = try RawGit.tree([("f", blob, GIT_FILEMODE_BLOB)], in: repo)
        for _ in 0..<70 { deep = try RawGit.tree([("d", deep, GIT_FILEMODE_TREE)], in: repo) }
        let deepCommit = try RawGit.commit(tree: deep, parents: [], in: repo)
        let tooDeep = try #require(throws: GitError.self) { try repo.treeFiles(of: deepCommit, under: "") }
        #expect(tooDeep.message.contains("nests folders deeper than the limit of 64"), "got: \(tooDeep.message)")
        let dPath = Array(repeating: "d", count: 10).joined(separator: "/")
        #expect(try repo.treeFiles(of: deepCommit, under: dPath).count == 1, "60 levels below d/…/d are within the limit")

        // 101 folders that are the same 1000-file tree: 101_101 entries for two written trees.
        let wide = try RawGit.tree((0..<1000).map { ("f\($0)", blob, GIT_FILEMODE_BLOB) }, in: repo)
        let huge = try RawGit.tree((0..<101).map { ("d\($0)", wide, GIT_FILEMODE_TREE) }, in: repo)
        let hugeCommit = try RawGit.commit(tree: huge, parents: [], in: repo)
        let tooMany = try #require(throws: GitError.self) { try repo.treeFiles(of: hugeCommit, under: "") }
        #expect(tooMany.message == "the tree of commit \(hugeCommit.short) has more than the limit of 100000 entries")
        #expect(try repo.treeFiles(of: hugeCommit, under: "d7").count == 1000)
    }

    @Test func craftedEntryNamesAreRefused() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("repo.git"), bare: true)
        let blob = try RawGit.blob(Array("x\n".utf8), in: repo)
        // The tree builder refuses such names, so the tree is written as raw bytes.
        for name in ["..", "a/b"] {
            let tree = try RawGit.rawTree([(mode: "100644", name: name, id: blob)], in: repo)
            let commit = try RawGit.commit(tree: tree, parents: [], in: repo)
            let error = try #require(throws: GitError.self) { try repo.treeFiles(of: commit, under: "") }
            #expect(error.message.contains("has an entry named"), "\(name): \(error.message)")
        }
        let twice = try RawGit.rawTree([(mode: "100644", name: "a", id: blob), (mode: "100644", name: "a", id: blob)], in: repo)
        let twiceCommit = try RawGit.commit(tree: twice, parents: [], in: repo)
        let duplicate = try #require(throws: GitError.self) { try repo.treeFiles(of: twiceCommit, under: "") }
        #expect(duplicate.message.contains("'a' in commit \(twiceCommit.short) appears twice"), "got: \(duplicate.message)")
    }
}

/// Git's blob id computed independently of libgit2: SHA-1 of "blob <size>\0" and the bytes.
func blobID(bytes: [UInt8]) -> GitObjectID {
    let digest = Array(Insecure.SHA1.hash(data: Array("blob \(bytes.count)\0".utf8) + bytes))
    var oid = git_oid()
    _ = git_oid_fromraw(&oid, digest)
    return GitObjectID(oid)
}

func blobID(_ text: String) -> GitObjectID { blobID(bytes: Array(text.utf8)) }

/// Objects written directly with libgit2, for what `commitFiles` never writes: symbolic links,
/// executables, submodules, binary blobs, hand-made trees. Shared with GitCommitChangesTests.
enum RawGit {
    static let author = GitSignature(name: "Test Author", email: "author@example.com", time: 1_700_000_000)

    static func blob(_ bytes: [UInt8], in repo: GitRepository) throws -> git_oid {
        var oid = git_oid()
        var copy = bytes
        try GitError.check(git_blob_create_from_buffer(&oid, repo.pointer, &copy, copy.count))
        return oid
    }

    /// One tree level through the tree builder, which validates names and modes.
    static func tree(_ entries: [(String, git_oid, git_filemode_t)], in repo: GitRepository) throws -> git_oid {
        var builder: OpaquePointer?
        try GitError.check(git_treebuilder_new(&builder, repo.pointer, nil))
        defer { git_treebuilder_free(builder) }
        for (name, id, mode) in entries {
            var id = id
            try GitError.check(git_treebuilder_insert(nil, builder, name, &id, mode), context: "insert \(name)")
        }
        var oid = git_oid()
        try GitError.check(git_treebuilder_write(&oid, builder))
        return oid
    }

    /// A tree object written byte by byte ("<mode> <name>\0<20-byte id>"), names unchecked.
    static func rawTree(_ entries: [(mode: String, name: String, id: git_oid)], in repo: GitRepository) throws -> git_oid {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += Array("\(entry.mode) \(entry.name)".utf8) + [0]
            var id = entry.id
            withUnsafeBytes(of: &id) { bytes += $0.prefix(20) }
        }
        var odb: OpaquePointer?
        try GitError.check(git_repository_odb(&odb, repo.pointer))
        defer { git_odb_free(odb) }
        var oid = git_oid()
        try GitError.check(git_odb_write(&oid, odb, &bytes, bytes.count, GIT_OBJECT_TREE))
        return oid
    }

    static func commit(tree: git_oid, parents: [GitObjectID], message: String = "raw\n", in repo: GitRepository) throws -> GitObjectID {
        var treeID = tree
        var treePointer: OpaquePointer?
        try GitError.check(git_tree_lookup(&treePointer, repo.pointer, &treeID))
        defer { git_tree_free(treePointer) }
        var parentPointers: [OpaquePointer?] = []
        defer { parentPointers.forEach { git_commit_free($0) } }
        for parent in parents { parentPointers.append(try repo.lookupCommit(parent)) }
        var oid = git_oid()
        _ = try author.withGitSignature { signature in
            try GitError.check(
                git_commit_create(&oid, repo.pointer, nil, signature, signature, nil, message, treePointer, parentPointers.count, &parentPointers))
        }
        return GitObjectID(oid)
    }
}
