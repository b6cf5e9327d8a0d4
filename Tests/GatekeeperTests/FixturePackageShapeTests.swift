import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage
import Support
@testable import Git
@testable import TOML
@testable import Cargo

/// Every fixture package that names a commit in `.cargo_vcs_info.json` is what `cargo package`
/// publishes from that commit: the commit's files byte for byte, `Cargo.toml.orig` equal to the
/// commit's Cargo.toml, a normalised Cargo.toml naming the same package, version and
/// dependencies. Checked independently of gatekeeper: packages unpacked by the system `tar`,
/// trees read by the git CLI.
@Suite struct FixturePackageShapeTests {
    @Test(arguments: UsageFixScenario.Variant.allCases)
    func everyPackageWithACommitIsThatCommitInCargosShape(_ variant: UsageFixScenario.Variant) throws {
        let dir = try TempDir()
        let scenario = try UsageFixScenario.make(at: dir.path("world"), variant: variant)
        let packages = try PackageShape.unpackAll(crate: UsageFixScenario.crate, registry: scenario.registry, into: dir.path("unpacked"))
        var commits: [String: String] = [:]
        for (version, files) in packages {
            guard let vcs = files[".cargo_vcs_info.json"] else {
                #expect(version == "0.1.0" || variant == .laterReleases, "only the bare 0.1.0 (and laterReleases' 0.1.3 … 0.1.9) have no commit")
                #expect(files.keys.sorted() == ["Cargo.toml", "src/lib.rs"])
                continue
            }
            let commit = try PackageShape.commit(in: vcs)
            commits[version] = commit
            try PackageShape.expectCargoShape(files, version: version, commit: commit, upstream: scenario.upstream,
                                              scratch: dir.path("trees/\(version)"))
        }
        #expect(commits == scenario.releaseCommits.mapValues(\.hex))

        // The story's commits are the same in every variant.
        let git = { (args: [String]) in try PackageShape.git(scenario.upstream, args) }
        let story = scenario.story
        #expect(try git(["rev-parse", "v0.1.1", "v0.1.2"]) == "\(story.release011.hex)\n\(story.release012.hex)")
        #expect(try git(["rev-list", "--reverse", "--max-count=4", "--skip=0", story.changelog.hex])
            == [story.release011, story.fix, story.release012, story.changelog].map(\.hex).joined(separator: "\n"))
        let main = try git(["rev-parse", "main"])
        let isAncestor = { (a: String, b: String) in
            try TestProcess.run("git", ["-C", scenario.upstream, "merge-base", "--is-ancestor", a, b]).status == 0
        }
        let entries = try IndexFile.parse(
            [UInt8](Data(contentsOf: URL(fileURLWithPath: scenario.registry + "/index/al/ch/alchemy-llm"))),
            source: "alchemy-llm", crate: "alchemy-llm")
        let yanked = Dictionary(uniqueKeysWithValues: entries.map { ($0.version.description, $0.yanked) })

        switch variant {
        case .noNewRelease:
            #expect(packages.keys.sorted() == ["0.1.0", "0.1.1"])
            #expect(main == story.changelog.hex)
        case .changelogConfirmsAll, .onlyYanked, .laterReleases:
            // The complete changelog is upstream's, on main, after the fix.
            let complete = try #require(scenario.completeChangelog)
            #expect(commits["0.1.2"] == complete.hex)
            #expect(main == complete.hex)
            #expect(try git(["rev-parse", "\(complete.hex)^"]) == story.changelog.hex)
            #expect(try isAncestor(story.fix.hex, complete.hex))
            #expect(packages["0.1.2"]?["CHANGELOG.md"].map { String(decoding: $0, as: UTF8.self) }?
                .contains("- Prefer the provider's `total_tokens` when present") == true)
            #expect(yanked["0.1.2"] == (variant == .onlyYanked))
        case .terseChangelogCommitsConfirm:
            #expect(commits["0.1.2"] == story.release012.hex)
            #expect(packages["0.1.2"]?["CHANGELOG.md"] == nil, "upstream added CHANGELOG.md after the release")
            #expect(main == story.changelog.hex)
        case .builtBeforeFix:
            // A side branch from 0.1.1: the package claims everything, its commit lacks the fix.
            let side = try #require(scenario.beforeFix)
            #expect(commits["0.1.2"] == side.hex)
            #expect(try git(["rev-parse", "\(side.hex)^"]) == story.release011.hex)
            #expect(try git(["rev-parse", "refs/heads/\(UsageFixScenario.beforeFixBranch)"]) == side.hex)
            #expect(try !isAncestor(story.fix.hex, side.hex))
            #expect(try !isAncestor(side.hex, main), "not on main")
            #expect(main == story.changelog.hex)
            #expect(packages["0.1.2"]?["CHANGELOG.md"] != nil)
            #expect(packages["0.1.2"]?["src/providers/openai.rs"] == Data(GitFixture.Story.openaiBeforeFix.utf8))
        case .demo:
            let v013 = try #require(scenario.release013)
            #expect(commits["0.1.2"] == story.release012.hex)
            #expect(commits["0.1.3"] == v013.hex)
            #expect(try git(["rev-parse", "v0.1.3"]) == v013.hex)
            #expect(main == v013.hex)
            #expect(try git(["rev-parse", "\(v013.hex)^"]) == story.changelog.hex)
            #expect(yanked == ["0.1.0": false, "0.1.1": false, "0.1.2": false, "0.1.3": true])
        }
        // The dependency every published manifest names is in the registry, so cargo resolves.
        #expect(FileManager.default.fileExists(atPath: scenario.registry + "/crates/serde_json/serde_json-1.0.0.crate"))
    }

    @Test func theLargeWorldsPackagesAreTheirCommitsAndItsGateOpens() throws {
        let dir = try TempDir()
        let world = try LargePackageWorld.make(at: dir.path("world"))
        #expect(world.tree.count == 200)
        #expect(world.tree.keys.filter { $0.hasPrefix("src/") && $0.hasSuffix(".rs") }.count == 195)
        let sizes = world.tree.filter { $0.key.hasPrefix("src/models/m") }.values.map(\.utf8.count)
        #expect(sizes.min()! >= 300 && sizes.max()! <= 5_000, "a few hundred bytes to a few KB: \(sizes.min()!)…\(sizes.max()!)")
        #expect(world.fixedFiles.count == 3)
        let changed = try PackageShape.git(world.upstream, ["diff", "--name-only", "\(world.fix.hex)^", world.fix.hex])
        #expect(changed == world.fixedFiles.joined(separator: "\n"))

        let packages = try PackageShape.unpackAll(crate: UsageFixScenario.crate, registry: world.registry, into: dir.path("unpacked"))
        #expect(packages.keys.sorted() == ["0.1.1", "0.1.2"])
        let expected = ["0.1.1": world.release011.hex, "0.1.2": world.release012.hex]
        for (version, files) in packages {
            let commit = try PackageShape.commit(in: try #require(files[".cargo_vcs_info.json"]))
            #expect(commit == expected[version])
            try PackageShape.expectCargoShape(files, version: version, commit: commit, upstream: world.upstream,
                                              scratch: dir.path("trees/\(version)"))
        }
        #expect(packages["0.1.2"]?.count == 202, "the tree's 200 files (Cargo.toml normalised), Cargo.toml.orig, .cargo_vcs_info.json")

        let r = try CLI.run(["check", "--repo", world.target, "--cache-dir", dir.path("cache")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.lines.first == "gate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.2)")
    }

    @Test func onlyABareReleaseGetsTheStubLib() throws {
        let vcs = CrateFixture.vcsInfo(commit: String(repeating: "ab", count: 20))
        let fromCommit = RegistryFixture.Release(name: "alchemy-llm", version: "0.1.2",
                                                 files: ["Cargo.toml.orig": "[package]\n", ".cargo_vcs_info.json": vcs])
        let bare = RegistryFixture.Release(name: "alchemy-llm", version: "0.1.0", files: ["README.md": "hi\n"])
        let dir = try TempDir()
        for (release, expected) in [(fromCommit, [".cargo_vcs_info.json", "Cargo.toml", "Cargo.toml.orig"]),
                                    (bare, ["Cargo.toml", "README.md", "src/lib.rs"])] {
            let path = dir.path("\(release.version).crate")
            try Data(try RegistryFixture.package(release)).write(to: URL(fileURLWithPath: path))
            let files = try PackageShape.unpack(path, root: "alchemy-llm-\(release.version)", into: dir.path("x-\(release.version)"))
            #expect(files.keys.sorted() == expected)
        }
    }

    @Test func publishingAVersionItsManifestDoesNotNameIsAnError() throws {
        let tree = ["Cargo.toml": GitFixture.Story.cargoToml(version: "0.1.1"), "src/lib.rs": ""]
        let id = try #require(GitObjectID(hex: String(repeating: "cd", count: 20)))
        #expect(throws: CargoPackageFiles.Mismatch.self) {
            try CargoPackageFiles.release("alchemy-llm", "0.1.2", from: id, tree: tree)
        }
        let release = try CargoPackageFiles.release("alchemy-llm", "0.1.1", from: id, tree: tree)
        #expect(release.files.keys.sorted() == [".cargo_vcs_info.json", "Cargo.toml.orig", "src/lib.rs"])
        #expect(release.dependencies == ["serde_json": "1"])
    }
}

/// The independent checks: the system `tar` and the git CLI.
enum PackageShape {
    /// Files cargo adds to what the commit holds (its Cargo.toml becomes `Cargo.toml.orig`, and
    /// `Cargo.toml` is cargo's normalised one).
    static let added: Set<String> = ["Cargo.toml.orig", ".cargo_vcs_info.json"]

    static func git(_ repo: String, _ args: [String]) throws -> String {
        let r = try TestProcess.run("git", ["-C", repo] + args, mergeErrors: true)
        guard r.status == 0 else { throw Failure(description: "git \(args.joined(separator: " ")) exited \(r.status): \(r.output)") }
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every `<registry>/crates/<crate>/*.crate`, unpacked: version → path → bytes.
    static func unpackAll(crate: String, registry: String, into dir: String) throws -> [String: [String: Data]] {
        let folder = "\(registry)/crates/\(crate)"
        var packages: [String: [String: Data]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".crate") {
            let version = String(name.dropFirst(crate.count + 1).dropLast(".crate".count))
            packages[version] = try unpack("\(folder)/\(name)", root: "\(crate)-\(version)", into: "\(dir)/\(version)")
        }
        return packages
    }

    /// `tar -xzf`, then every file under `<dir>/<root>/` (nothing may sit outside it).
    static func unpack(_ crate: String, root: String, into dir: String) throws -> [String: Data] {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try TestProcess.run("tar", ["-xzf", crate, "-C", dir], mergeErrors: true)
        guard r.status == 0 else { throw Failure(description: "tar -xzf \(crate): \(r.output)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [root], "everything under \(root)/")
        return try FileTree.contents(of: "\(dir)/\(root)")
    }

    static func commit(in vcsInfo: Data) throws -> String {
        let json = try JSONReader.parse(String(decoding: vcsInfo, as: UTF8.self))
        #expect(json["path_in_vcs"] == "")
        return try #require(json["git"]?["sha1"]?.stringValue)
    }

    /// The package is the commit's tree plus cargo's three files, byte for byte.
    static func expectCargoShape(_ files: [String: Data], version: String, commit: String, upstream: String, scratch: String) throws {
        let listed = Set(try git(upstream, ["ls-tree", "-r", "--name-only", commit]).split(separator: "\n").map(String.init))
        let packaged = Set(files.keys).subtracting(added)
        #expect(packaged == listed, "\(version): only in the package \(packaged.subtracting(listed).sorted()), only in the commit \(listed.subtracting(packaged).sorted())")

        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        _ = try git(upstream, ["archive", "--format=tar", "-o", "\(scratch).tar", commit])
        let r = try TestProcess.run("tar", ["-xf", "\(scratch).tar", "-C", scratch], mergeErrors: true)
        #expect(r.status == 0, "\(r.output)")
        let tree = try FileTree.contents(of: scratch)
        #expect(Set(tree.keys) == listed)
        for (path, bytes) in tree where path != "Cargo.toml" && files[path] != bytes {
            Issue.record("\(version): \(path) differs from commit \(commit.prefix(7))")
        }
        let original = try #require(tree["Cargo.toml"], "\(version): the commit has a Cargo.toml")
        #expect(files["Cargo.toml.orig"] == original, "\(version): Cargo.toml.orig is the commit's Cargo.toml")

        // The normalised manifest names the same package, version and dependencies.
        let normalised = try #require(files["Cargo.toml"])
        let normalisedText = String(decoding: normalised, as: UTF8.self)
        #expect(normalisedText.split(separator: "\n").contains("version = \"\(version)\""))
        let (a, b) = (try TOMLReader.parse(String(decoding: original, as: UTF8.self)), try TOMLReader.parse(normalisedText))
        for key in ["name", "version"] {
            #expect(a["package"]?.value.tableValue?[key]?.value == b["package"]?.value.tableValue?[key]?.value, "\(version): package.\(key)")
        }
        #expect(b["package"]?.value.tableValue?["version"]?.value.stringValue == version)
        #expect(dependencies(a) == dependencies(b), "\(version): dependencies")
        #expect(!dependencies(a).isEmpty)
    }

    /// `[dependencies]`: name → version requirement, whether written `x = "1"` or as a table.
    static func dependencies(_ manifest: TOMLTable) -> [String: String] {
        var result: [String: String] = [:]
        for (name, node) in manifest["dependencies"]?.value.tableValue?.entries ?? [] {
            result[name] = node.value.stringValue ?? node.value.tableValue?["version"]?.value.stringValue
        }
        return result
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
