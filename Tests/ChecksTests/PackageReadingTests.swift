import Support
import Checks
import DemoWorld
import Testing
@testable import Cargo

@Suite struct PackageReadingTests {
    typealias F = PackageFixture

    @Test func readsARealFixtureCrate() throws {
        let manifest = CrateFixture.manifest(name: F.name, version: F.version, dependencies: ["serde": "1.0"])
        let bytes = try F.crate([
            "Cargo.toml": manifest,
            "CHANGELOG.md": F.changelog,
            ".cargo_vcs_info.json": CrateFixture.vcsInfo(commit: F.fixCommit),
            "src/lib.rs": "pub fn usage() {}\n",
            "README.md": "# alchemy-llm\n",
        ])
        let package = try F.read(bytes)
        #expect(package.name == "alchemy-llm")
        #expect(package.version == "0.1.2")
        #expect(package.checksum == SHA256Hex.of(bytes))
        #expect(package.manifest == manifest)
        #expect(package.manifest.contains("[dependencies.serde]\nversion = \"1.0\""))
        #expect(package.changelog?.path == "CHANGELOG.md")
        #expect(package.changelog?.text == F.changelog)
        #expect(package.vcsInfo == VCSInfo(commit: F.fixCommit, pathInVCS: "", dirty: false))
        #expect(package.entryCount == 5)
    }

    @Test func aPackageWithoutChangelogOrVCSInfo() throws {
        let package = try F.read(try F.crate([
            "Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version),
            "src/lib.rs": "",
        ]))
        #expect(package.changelog == nil)
        #expect(package.vcsInfo == nil)
        #expect(package.entryCount == 2)
    }

    @Test func theBestChangelogNameWinsWhateverItsCase() throws {
        let manifest = CrateFixture.manifest(name: F.name, version: F.version)
        let several = try F.read(try F.crate([
            "Cargo.toml": manifest, "NEWS.md": "news", "changes.md": "changes", "Changelog.md": "changelog",
            "docs/CHANGELOG.md": "not at the root",
        ]))
        #expect(several.changelog?.path == "Changelog.md")
        #expect(several.changelog?.text == "changelog")

        let history = try F.read(try F.crate(["Cargo.toml": manifest, "NEWS.md": "news", "HISTORY.md": "history"]))
        #expect(history.changelog?.path == "HISTORY.md")

        let nested = try F.read(try F.crate(["Cargo.toml": manifest, "docs/CHANGELOG.md": "nested"]))
        #expect(nested.changelog == nil, "only the package root counts")
    }

    @Test func vcsInfoOfADirtyTreeInASubfolder() throws {
        let json = #"{"git": {"sha1": "4409A508150C7628E3B82E3103A7F7DD7F8CCB87", "dirty": true}, "path_in_vcs": "crates/alchemy-llm"}"#
        let package = try F.read(try F.crate([
            "Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version), ".cargo_vcs_info.json": json,
        ]))
        #expect(package.vcsInfo == VCSInfo(commit: F.fixCommit, pathInVCS: "crates/alchemy-llm", dirty: true))

        let old = try F.read(try F.crate([
            "Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version),
            ".cargo_vcs_info.json": #"{"git": {"sha1": "\#(F.fixCommit)"}}"#,
        ]))
        #expect(old.vcsInfo == VCSInfo(commit: F.fixCommit, pathInVCS: nil, dirty: false), "cargo before 1.58 wrote no path_in_vcs")
    }

    @Test(arguments: [
        ("{", ".cargo_vcs_info.json: not valid JSON: line 1, column 2: "),
        ("[]", ".cargo_vcs_info.json: expected a JSON object, got an array"),
        (#"{"hg": {}}"#, #".cargo_vcs_info.json: no "git" object (cargo records only git)"#),
        (#"{"git": "abc"}"#, #".cargo_vcs_info.json: "git" must be an object, got a string"#),
        (#"{"git": {}}"#, #".cargo_vcs_info.json: "git.sha1" must be a string, got nothing"#),
        (#"{"git": {"sha1": "main"}}"#, #".cargo_vcs_info.json: "git.sha1" is not a full git commit id (40 hex digits): "main""#),
        (#"{"git": {"sha1": "4409a50"}}"#, #".cargo_vcs_info.json: "git.sha1" is not a full git commit id (40 hex digits): "4409a50""#),
        (#"{"git": {"sha1": "4409a508150c7628e3b82e3103a7f7dd7f8ccb874409a508150c7628e3b82e31"}}"#, #".cargo_vcs_info.json: "git.sha1" is not a full git commit id (40 hex digits): "4409a508150c7628e3b82e3103a7f7dd7f8ccb874409a508150c7628e3b82e31""#),
        (#"{"git": {"sha1": "4409a508150c7628e3b82e3103a7f7dd7f8ccb87", "dirty": "no"}}"#, #".cargo_vcs_info.json: "git.dirty" must be a boolean, got a string"#),
        (#"{"git": {"sha1": "4409a508150c7628e3b82e3103a7f7dd7f8ccb87"}, "path_in_vcs": 3}"#, #".cargo_vcs_info.json: "path_in_vcs" must be a string, got an integer"#),
        (#"{"git": {"sha1": "4409a508150c7628e3b82e3103a7f7dd7f8ccb87", "sha1": "0000000000000000000000000000000000000000"}}"#, #".cargo_vcs_info.json: the key "git.sha1" appears twice"#),
    ])
    func aMalformedVCSInfoIsAnError(json: String, message: String) throws {
        let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version), ".cargo_vcs_info.json": json])
        let text = F.refusal(bytes)
        #expect(text.hasPrefix("alchemy-llm-0.1.2.crate: \(message)"), "got \(text)")
    }

    @Test func noCargoTomlAtTheRootIsAnError() throws {
        let bytes = try F.crate(["src/Cargo.toml": "[package]\n", "cargo.toml": "[package]\n"])
        #expect(F.refusal(bytes) == "alchemy-llm-0.1.2.crate: no Cargo.toml at alchemy-llm-0.1.2/Cargo.toml")
    }

    @Test func largeFilesGatekeeperDoesNotReadAreFine() throws {
        let big = String(repeating: "// filler line of a generated source file\n", count: 200_000)  // ~8.4 MB
        let package = try F.read(try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version), "src/big.rs": big]))
        #expect(package.entryCount == 2)
    }

    @Test func directoryEntriesAndUnicodeNamesAreFine() throws {
        let bytes = try F.raw([
            .init(path: "\(F.root)/", kind: .directory),
            .init(path: "\(F.root)/src/", kind: .directory),
            F.manifestEntry,
            .file("\(F.root)/src/café.rs", ""),
            .file("\(F.root)/./CHANGELOG.md", "dot"),
        ])
        let package = try F.read(bytes)
        #expect(package.entryCount == 5)
        #expect(package.changelog?.path == "CHANGELOG.md")
    }

    @Test func aDeclaredSizeIsPaddedWithZerosByTheFixture() throws {
        // The bomb tests rely on this: a larger declared size makes a valid archive of zeros.
        let bytes = try F.raw([F.manifestEntry, .init(path: "\(F.root)/zeros", kind: .regular(""), size: 3 << 20)])
        #expect(bytes.count < 64 << 10)
        #expect(try F.read(bytes).entryCount == 2)
    }

    @Test func fixturesAreDeterministic() throws {
        let files = ["Cargo.toml": "x", "b.rs": "b", "a.rs": "a"]
        let one = try F.crate(files)
        let two = try F.crate(files)
        #expect(one == two)
        #expect(Array(one.prefix(3)) == [0x1F, 0x8B, 0x08], "gzip")
        #expect(Array(one[4..<8]) == [0, 0, 0, 0], "no timestamp in the gzip header")
    }
}
