@testable import Checks
import CGit2
import DemoWorld
import Testing
@testable import Git
@testable import Cargo

/// The package against a tree built with libgit2: files git stores as symbolic links and
/// submodules, and a `readme` cargo copies in from outside the crate's folder.
@Suite struct SourceComparisonTests {
    static let manifest = "[package]\nname = \"alchemy-llm\"\nversion = \"0.1.2\"\nreadme = \"../../README.md\"\n\n[dependencies]\nserde_json = \"1\"\n"

    /// crates/llm/{Cargo.toml, src/lib.rs, LICENSE -> ../../LICENSE, vendor (a submodule)}, README.md and LICENSE at the root.
    static func repository(in folder: borrowing GitTestFolder) throws -> (GitRepository, GitObjectID) {
        let repo = try GitRepository.initialize(at: folder.sub("upstream.git"), bare: true)
        func blob(_ text: String) throws -> git_oid { try RawGit.blob(Array(text.utf8), in: repo) }
        let src = try RawGit.tree([("lib.rs", try blob("pub fn usage() {}\n"), GIT_FILEMODE_BLOB)], in: repo)
        let other = try RawGit.commit(tree: src, parents: [], in: repo)
        let crate = try RawGit.tree([
            ("Cargo.toml", try blob(Self.manifest), GIT_FILEMODE_BLOB),
            ("LICENSE", try blob("../../LICENSE"), GIT_FILEMODE_LINK),
            ("src", src, GIT_FILEMODE_TREE),
            ("vendor", other.oid, GIT_FILEMODE_COMMIT),
        ], in: repo)
        let crates = try RawGit.tree([("llm", crate, GIT_FILEMODE_TREE)], in: repo)
        let root = try RawGit.tree([
            ("LICENSE", try blob("MIT License\n"), GIT_FILEMODE_BLOB),
            ("README.md", try blob("# alchemy\n"), GIT_FILEMODE_BLOB),
            ("crates", crates, GIT_FILEMODE_TREE),
        ], in: repo)
        return (repo, try RawGit.commit(tree: root, parents: [other], in: repo))
    }

    static func package(_ files: [String: String], commit: GitObjectID) throws -> CratePackage {
        var all = files
        all["Cargo.toml"] = CrateFixture.manifest(name: "alchemy-llm", version: "0.1.2", dependencies: ["serde_json": "1"])
        all["Cargo.toml.orig"] = Self.manifest
        all[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: commit.hex, pathInVCS: "crates/llm")
        return try PackageFixture.read(try PackageFixture.crate(all))
    }

    static func compare(_ files: [String: String], in folder: borrowing GitTestFolder) throws -> SourceCheck {
        let (repo, commit) = try repository(in: folder)
        return try SourceComparison(package: try package(files, commit: commit), repository: repo, commit: commit, folder: "crates/llm").check()
    }

    @Test func linksAreFollowedInsideTheCommitAndTheReadmeIsFoundOutsideTheCrate() throws {
        let folder = try GitTestFolder()
        // What cargo packages: the link's target's bytes, and the workspace README copied in.
        let check = try Self.compare(["src/lib.rs": "pub fn usage() {}\n", "LICENSE": "MIT License\n", "README.md": "# alchemy\n"], in: folder)
        #expect(check.mismatches == [])
        #expect(check.status == .pass)
        #expect(check.matched == 4)
        #expect(check.generated == [".cargo_vcs_info.json", "Cargo.toml"])
    }

    @Test func whatGitStoresDecidesForLinksSubmodulesAndCopies() throws {
        let folder = try GitTestFolder()
        let check = try Self.compare([
            "src/lib.rs": "pub fn usage() {}\n",
            "LICENSE": "Proprietary\n",
            "README.md": "# another readme\n",
            "vendor/lib.rs": "pub fn usage() {}\n",
        ], in: folder)
        #expect(check.status == .fail)
        #expect(check.mismatches == [
            .init(file: "LICENSE", why: "differs from what the repository's symbolic link to ../../LICENSE holds"),
            .init(file: "README.md", why: "differs from README.md, which the manifest names"),
            .init(file: "vendor/lib.rs", why: "is inside vendor, which the repository records only as a submodule commit"),
        ])
    }

    @Test func aLinkThatLeavesTheRepositoryMatchesNothing() throws {
        let folder = try GitTestFolder()
        let repo = try GitRepository.initialize(at: folder.sub("upstream.git"), bare: true)
        let root = try RawGit.tree([
            ("Cargo.toml", try RawGit.blob(Array(Self.manifest.utf8), in: repo), GIT_FILEMODE_BLOB),
            ("secret", try RawGit.blob(Array("../../../etc/passwd".utf8), in: repo), GIT_FILEMODE_LINK),
        ], in: repo)
        let commit = try RawGit.commit(tree: root, parents: [], in: repo)
        var files = ["secret": "root:x:0:0\n"]
        files["Cargo.toml"] = CrateFixture.manifest(name: "alchemy-llm", version: "0.1.2", dependencies: ["serde_json": "1"])
        files["Cargo.toml.orig"] = Self.manifest
        files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: commit.hex)
        let package = try PackageFixture.read(try PackageFixture.crate(files))
        let check = try SourceComparison(package: package, repository: repo, commit: commit, folder: "").check()
        #expect(check.mismatches == [.init(file: "secret", why: "differs from what the repository's symbolic link to ../../../etc/passwd holds")])
    }
}
