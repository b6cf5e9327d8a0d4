import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage
import Support
@testable import Git

/// Provenance through the CLI against an upstream and a registry built on the spot: each way a
/// careless or hostile publisher can make a package look like the fixed release, with the
/// honest package beside it.
@Suite struct CheckProvenanceTests {
    typealias Story = GitFixture.Story

    /// 0.1.1, then the fix with a message that confirms every criterion.
    static func fixed() throws -> (HistoryWorld, fix: GitObjectID) {
        let world = try HistoryWorld()
        try world.history.initialRelease()
        let fix = try world.history.fix(Story.fixMessage)
        return (world, fix)
    }

    /// A changelog that claims everything, so only provenance can keep a gate closed.
    static let claimsEverything = ChangelogTexts.complete

    static func gate(_ doc: JSONValue) throws -> JSONValue { try #require(doc["gates"]?.arrayValue?.first) }
    static func reasons(_ doc: JSONValue) -> [String] { doc["gates"]?.arrayValue?.first?["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    // MARK: the honest package

    @Test func theHonestPackageOpensWithItsSourcesAndTheFixShown() throws {
        let (world, fix) = try Self.fixed()
        let release = try world.history.release("0.1.2")
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let provenance = try #require(try Self.gate(doc)["provenance"])
        #expect(provenance["status"] == "pass")
        #expect(provenance["commit"]?.stringValue == release.hex)
        let sources = try #require(provenance["sources"])
        #expect(sources["status"] == "pass")
        // Cargo.toml.orig, README.md, src/lib.rs, src/providers/{mod,openai}.rs, tests/usage_semantics.rs.
        #expect(sources["matched"] == 6)
        #expect(sources["generated"] == [".cargo_vcs_info.json", "Cargo.toml"])
        #expect(sources["compared"] == 8)
        #expect(sources["mismatches"] == [])
        let fixed = try #require(provenance["fix_in_package"])
        #expect(fixed["status"] == "pass")
        #expect(fixed["detail"]?.stringValue == "5 of 5 changes of the fix \(fix.short) in the package")
        #expect(fixed["files"]?.arrayValue?.compactMap { $0["file"]?.stringValue } == ["src/providers/openai.rs", "tests/usage_semantics.rs"])

        let text = try world.check()
        #expect(text.lines.contains { $0.hasPrefix("  provenance ") && $0.contains("\(release.short) descends from the fix \(fix.short)") }, "\(text.stdout)")
        #expect(text.lines.contains { $0.hasPrefix("    sources ") && $0.contains("pass") && $0.contains("6/8 files") && $0.contains("6 files equal to commit \(release.short), 2 written by cargo") }, "\(text.stdout)")
        #expect(text.lines.contains { $0.hasPrefix("    fix in package ") && $0.contains("5/5 changes") }, "\(text.stdout)")
    }

    // MARK: the five attacks

    /// The commit a package's `.cargo_vcs_info.json` names, as cargo wrote it.
    static func vcsCommit(_ files: [String: String]) -> String {
        let info = files[".cargo_vcs_info.json"] ?? ""
        guard let range = info.range(of: #"[0-9a-f]{40}"#, options: .regularExpression) else { return "" }
        return String(info[range])
    }

    @Test func aPackagePublishedFromADirtyTreeIsUnproven() throws {
        let (world, fix) = try Self.fixed()
        try world.history.release("0.1.2") { files in
            files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: Self.vcsCommit(files), dirty: true)
        }
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1, "\(r.stdout)")
        #expect(try Self.gate(doc)["provenance"]?["status"] == "fail")
        #expect(Self.reasons(doc) == ["provenance: published from a tree with uncommitted changes (.cargo_vcs_info.json says \"dirty\": true)"])
        // Its files are its commit's: dirt is refused for what it could have been, not for what it is.
        #expect(try Self.gate(doc)["provenance"]?["sources"]?["status"] == "pass")
    }

    @Test func aPackageWhoseFilesAreNotItsCommitsIsNamedFileByFile() throws {
        let (world, fix) = try Self.fixed()
        try world.history.release("0.1.2") { files in
            files["src/providers/openai.rs"] = Story.openaiBeforeFix
        }
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1, "\(r.stdout)")
        let provenance = try #require(try Self.gate(doc)["provenance"])
        #expect(provenance["sources"]?["mismatches"] == [["file": "src/providers/openai.rs", "why": "differs from the repository"]])
        #expect(provenance["fix_in_package"]?["status"] == "fail")
        #expect(Self.reasons(doc).contains { $0.hasPrefix("provenance: the package is not its source, commit ") && $0.hasSuffix(": src/providers/openai.rs (differs from the repository)") }, "\(Self.reasons(doc))")
        #expect(Self.reasons(doc).contains("provenance: the fix's change to src/providers/openai.rs:6 is not in the package (the lines it replaced are back)"))
        let text = try world.check()
        #expect(text.lines.contains("  mismatch: src/providers/openai.rs: differs from the repository"))
    }

    @Test func aTagNamedLikeACommitIdIsNoCommit() throws {
        let (world, fix) = try Self.fixed()
        // A name, not an object: 40 hex digits no object has, a tag pointing at the good commit.
        let name = String(repeating: "ab", count: 20)
        let release = try world.history.release("0.1.2", changes: ["CHANGELOG.md": Self.claimsEverything]) { files in
            files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: name)
        }
        try world.history.upstream.createTag(name, at: release)
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1, "\(r.stdout)")
        #expect(Self.reasons(doc) == ["provenance: the package's commit abababa is not in \(world.history.upstreamPath)"])
    }

    @Test func aShortFixCommitIsTheObjectNeverABranchOfThatName() throws {
        // 0.1.2 is released before the fix; a branch named like the fix's abbreviation points
        // at a commit before the fix, which 0.1.2 descends from.
        let world = try HistoryWorld()
        let h = world.history
        let initial = try h.initialRelease()
        try h.release("0.1.2", changes: ["CHANGELOG.md": Self.claimsEverything])
        let fix = try h.fix(Story.fixMessage)
        try h.upstream.createBranch(fix.short, at: initial)
        _ = try h.finish(registryURL: world.server.baseURL, fixCommit: fix.short)
        world.target = (h.root as NSString).appendingPathComponent("target")
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1, "\(r.stdout)")
        #expect(try Self.gate(doc)["criteria"]?.arrayValue?.allSatisfy { $0["status"] == "pass" } == true, "the changelog claims everything")
        #expect(Self.reasons(doc).first?.hasSuffix("which does not contain the fix \(fix.short)") == true, "\(Self.reasons(doc))")
    }

    @Test func anAbbreviatedFixCommitShadowedByABranchStillOpensAnHonestRelease() throws {
        let (world, fix) = try Self.fixed()
        let h = world.history
        try h.release("0.1.2")
        try h.upstream.createBranch(fix.short, at: try h.upstream.commit(fix).parents[0])
        _ = try h.finish(registryURL: world.server.baseURL, fixCommit: fix.short)
        world.target = (h.root as NSString).appendingPathComponent("target")
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try Self.gate(doc)["provenance"]?["detail"]?.stringValue?.hasSuffix("descends from the fix \(fix.short)") == true)
    }

    @Test func aFixRevertedUpstreamBeforeTheReleaseIsNotInThePackage() throws {
        let (world, fix) = try Self.fixed()
        let h = world.history
        try h.commit(["src/providers/openai.rs": Story.openaiBeforeFix], "Revert \"fix(openai): align usage semantics with provider raw tokens\"\n\nThis reverts commit \(fix.hex).\n")
        try h.release("0.1.2", changes: ["CHANGELOG.md": Self.claimsEverything])
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1, "\(r.stdout)")
        let provenance = try #require(try Self.gate(doc)["provenance"])
        #expect(provenance["sources"]?["status"] == "pass", "the package is honestly its commit")
        #expect(provenance["fix_in_package"]?["status"] == "fail")
        #expect(Self.reasons(doc) == ["provenance: the fix's change to src/providers/openai.rs:6 is not in the package (the lines it replaced are back)"])
    }

    @Test func aFixRevertedThenReappliedBeforeTheReleaseOpens() throws {
        let (world, fix) = try Self.fixed()
        let h = world.history
        let revert = try h.commit(["src/providers/openai.rs": Story.openaiBeforeFix], "Revert \"fix(openai): usage\"\n\nThis reverts commit \(fix.hex).\n")
        try h.commit(["src/providers/openai.rs": Story.openaiAfterFix], "Reapply \"fix(openai): usage\"\n\nThis reverts commit \(revert.hex).\n")
        try h.release("0.1.2", changes: ["CHANGELOG.md": Self.claimsEverything])
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try Self.gate(doc)["provenance"]?["fix_in_package"]?["status"] == "pass")
    }

    @Test func laterEditsOfTheFixedLinesOpenWithANoteForTheReviewer() throws {
        let (world, fix) = try Self.fixed()
        let h = world.history
        let edited = Story.openaiAfterFix.replacingOccurrences(of: "    usage.input > context_window", with: "    usage.input >= context_window")
        #expect(edited != Story.openaiAfterFix)
        try h.commit(["src/providers/openai.rs": edited], "fix(openai): overflow at the window itself\n")
        try h.release("0.1.2")
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stdout)")
        let fixed = try #require(try Self.gate(doc)["provenance"]?["fix_in_package"])
        #expect(fixed["status"] == "changed")
        #expect(fixed["detail"]?.stringValue == "4 of 5 changes of the fix \(fix.short) in the package; changed since the fix (for a reviewer): src/providers/openai.rs:23")
        #expect(fixed["files"]?.arrayValue?.first?["note"] == "changed since the fix at :23")
        let text = try world.check(["--verbose"])
        #expect(text.lines.contains("  fix: src/providers/openai.rs: 3 of 4 changes present (changed since the fix at :23)"), "\(text.stdout)")
    }

    // MARK: the package against its source

    @Test func aWorkspaceCrateIsComparedUnderItsPathInVCS() throws {
        let world = try HistoryWorld()
        let h = world.history
        let workspace = "[workspace]\nmembers = [\"crates/llm\"]\nresolver = \"2\"\n"
        let first = try h.commit([
            "Cargo.toml": workspace, "README.md": Story.readme,
            "crates/llm/Cargo.toml": Story.cargoToml(version: "0.1.1"), "crates/llm/src/lib.rs": Story.libRs,
            "crates/llm/src/providers/mod.rs": "pub mod openai;\n", "crates/llm/src/providers/openai.rs": Story.openaiBeforeFix,
            "crates/other/Cargo.toml": "[package]\nname = \"other\"\nversion = \"0.1.0\"\n",
        ], "chore(release): v0.1.1\n")
        h.publish("0.1.1", from: first, folder: "crates/llm")
        let fix = try h.commit(["crates/llm/src/providers/openai.rs": Story.openaiAfterFix], Story.fixMessage)
        let release = try h.commit(["crates/llm/Cargo.toml": Story.cargoToml(version: "0.1.2")], "chore(release): v0.1.2\n")
        h.publish("0.1.2", from: release, folder: "crates/llm")
        // The same release labelled with a folder outside the repository.
        h.publish("0.1.3", from: release, folder: "crates/llm") { files in
            files["Cargo.toml.orig"] = Story.cargoToml(version: "0.1.3")
            files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: release.hex, pathInVCS: "../crates/llm")
        }
        // And with a folder the commit does not have.
        h.publish("0.1.4", from: release, folder: "crates/llm") { files in
            files["Cargo.toml.orig"] = Story.cargoToml(version: "0.1.4")
            files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: release.hex, pathInVCS: "crates/gone")
        }
        try world.finish(fix: fix)
        let (absent, absentDoc) = try world.checkJSON(["--version", "0.1.4"])
        #expect(absent.status == 1)
        #expect(Self.reasons(absentDoc) == ["provenance: path_in_vcs \"crates/gone\" is not a folder of commit \(release.short)"])
        let (r, doc) = try world.checkJSON(["--version", "0.1.2"])
        #expect(r.status == 0, "\(r.stdout)")
        let sources = try #require(try Self.gate(doc)["provenance"]?["sources"])
        #expect(sources["status"] == "pass")
        #expect(sources["detail"]?.stringValue == "4 files equal to commit \(release.short) under crates/llm/, 2 written by cargo")
        let (escaped, escapedDoc) = try world.checkJSON(["--version", "0.1.3"])
        #expect(escaped.status == 1)
        #expect(Self.reasons(escapedDoc) == ["provenance: path_in_vcs \"../crates/llm\" steps out of the repository with \"..\""])
    }

    @Test func aFileTheRepositoryDoesNotHaveIsAMismatch() throws {
        let (world, fix) = try Self.fixed()
        let release = try world.history.release("0.1.2") { files in
            files["src/telemetry.rs"] = "pub fn beacon() { /* sends your prompts elsewhere */ }\n"
        }
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1)
        #expect(try Self.gate(doc)["provenance"]?["sources"]?["mismatches"] == [["file": "src/telemetry.rs", "why": .string("not in the repository at \(release.short)")]])
        #expect(try Self.gate(doc)["provenance"]?["fix_in_package"]?["status"] == "pass", "the fix itself is there")
    }

    @Test func aWrittenManifestThatIsNotTheRepositorysIsAMismatch() throws {
        let (world, fix) = try Self.fixed()
        try world.history.release("0.1.2") { files in
            files["Cargo.toml.orig"] = (files["Cargo.toml.orig"] ?? "") + "build = \"build.rs\"\n"
        }
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1)
        #expect(try Self.gate(doc)["provenance"]?["sources"]?["mismatches"] == [["file": "Cargo.toml.orig", "why": "differs from the repository's Cargo.toml"]])
    }

    @Test func aNormalisedManifestWithAnotherDependencyIsAMismatch() throws {
        let (world, fix) = try Self.fixed()
        let h = world.history
        let release = try h.commit(["Cargo.toml": Story.cargoToml(version: "0.1.2")], "chore(release): v0.1.2\n")
        h.publish("0.1.2", from: release, dependencies: ["serde_json": "1", "telemetry": "0.1"])
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1)
        #expect(try Self.gate(doc)["provenance"]?["sources"]?["mismatches"] == [["file": "Cargo.toml", "why": .string("declares dependencies.telemetry (\"0.1\"), which Cargo.toml.orig does not")]])
    }

    @Test func verifySourcesOffIsRecordedAsNotChecked() throws {
        let (world, fix) = try Self.fixed()
        try world.history.release("0.1.2") { files in files["src/telemetry.rs"] = "pub fn beacon() {}\n" }
        try world.finish(fix: fix)
        let config = world.target + "/gatekeeper.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "preset     = \"usage-semantics\"", with: "preset     = \"usage-semantics\"\nverify_sources = false")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let sources = try #require(try Self.gate(doc)["provenance"]?["sources"])
        #expect(sources["status"] == "not-checked")
        #expect(sources["detail"] == "verify_sources = false: the package was not compared with its source")
        #expect(try Self.gate(doc)["provenance"]?["fix_in_package"]?["status"] == "pass", "the fix is still looked for")
    }

    // MARK: bad input

    @Test func aFixFileDeletedSinceTheFixFails() throws {
        let (world, fix) = try Self.fixed()
        try world.history.commit(["tests/usage_semantics.rs": nil], "test: drop the usage tests\n")
        try world.history.release("0.1.2")
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1)
        #expect(Self.reasons(doc) == ["provenance: tests/usage_semantics.rs, which the fix changed, is gone from the release commit"])
    }

    @Test func aFixThatIsAMergeIsComparedWithItsFirstParent() throws {
        let (world, _) = try Self.fixed()
        let h = world.history
        let side = try h.sideBranch("more", [(changes: ["docs/NOTES.md": "notes\n"], message: "docs: notes\n")])
        let merge = try h.merge(side[0], taking: ["docs/NOTES.md": "notes\n"], "Merge branch 'more'\n")
        try h.release("0.1.2")
        try world.finish(fix: merge)
        let (_, doc) = try world.checkJSON()
        let fixed = try #require(try Self.gate(doc)["provenance"]?["fix_in_package"])
        #expect(fixed["status"] == "pass", "the merge brought docs/NOTES.md, which the package ships")
        #expect(fixed["detail"]?.stringValue?.hasSuffix("(the fix commit \(merge.short) is a merge: compared with its first parent)") == true, "\(fixed)")
    }

    @Test func aFixCommitTheUpstreamDoesNotHaveIsNamedByItsKey() throws {
        let (world, _) = try Self.fixed()
        try world.history.release("0.1.2", changes: ["CHANGELOG.md": Self.claimsEverything])
        _ = try world.history.finish(registryURL: world.server.baseURL, fixCommit: "0123456789abcdef")
        world.target = (world.history.root as NSString).appendingPathComponent("target")
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1)
        #expect(Self.reasons(doc) == ["provenance: gate alchemy-llm: fix_commit 0123456789abcdef is not a commit in \(world.history.upstreamPath)"])
        #expect(try Self.gate(doc)["provenance"]?["fix_in_package"]?["detail"] == "the fix commit could not be found")
    }

    @Test func aPackageWithoutVCSInfoIsUnknownNeverAPass() throws {
        let (world, fix) = try Self.fixed()
        try world.history.release("0.1.2") { files in files[".cargo_vcs_info.json"] = nil }
        try world.finish(fix: fix)
        let (r, doc) = try world.checkJSON()
        #expect(r.status == 1)
        let provenance = try #require(try Self.gate(doc)["provenance"])
        #expect(provenance["status"] == "unknown")
        #expect(provenance["sources"]?["status"] == "unknown")
        #expect(provenance["fix_in_package"]?["status"] == "unknown")
    }

    @Test func aVCSCommitOfTheWrongLengthIsOneLineNamingTheFile() throws {
        let (world, fix) = try Self.fixed()
        try world.history.release("0.1.2") { files in files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: fix.short) }
        try world.finish(fix: fix)
        let r = try world.check()
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix(".cargo_vcs_info.json: \"git.sha1\" is not a full git commit id (40 hex digits): \"\(fix.short)\"\n"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
