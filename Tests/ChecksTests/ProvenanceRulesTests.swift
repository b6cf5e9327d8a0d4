@testable import Checks
import DemoWorld
import Foundation
import Testing
@testable import Git
@testable import TOML

/// The rules provenance is judged by, one at a time: where a fix's change is looked for, how
/// cargo's normalised manifest is compared with the written one, which `path_in_vcs` is a folder.
@Suite struct ProvenanceRulesTests {
    // MARK: the fix's changes in a file

    static func hunk(_ lines: [(GitDiffLine.Origin, String)], oldStart: Int = 10, newStart: Int = 10) -> GitHunk {
        var old = oldStart, new = newStart
        let diffLines = lines.map { origin, text -> GitDiffLine in
            defer {
                if origin != .added { old += 1 }
                if origin != .removed { new += 1 }
            }
            return GitDiffLine(origin: origin, text: text, oldLine: origin == .added ? nil : old, newLine: origin == .removed ? nil : new)
        }
        return GitHunk(oldStart: oldStart, oldLines: old - oldStart, newStart: newStart, newLines: new - newStart, lines: diffLines)
    }

    static let replacement = hunk([
        (.context, "fn usage(raw: &Raw) -> Usage {"),
        (.context, "    let input = raw.prompt_tokens;"),
        (.removed, "    let total = input + raw.completion_tokens + raw.cache_read;"),
        (.added, "    let total = raw.total_tokens.unwrap_or(input + raw.completion_tokens);"),
        (.context, "    Usage { input, total }"),
        (.context, "}"),
    ])

    static func lines(_ text: String) -> FileLines { FileLines(Array(text.utf8)) }

    @Test func aChangeIsPresentUndoneOrChangedSince() throws {
        let change = try #require(FixChange.changes(in: [Self.replacement]).first)
        #expect(change.line == 12)
        let fixed = "use x;\n\nfn usage(raw: &Raw) -> Usage {\n    let input = raw.prompt_tokens;\n    let total = raw.total_tokens.unwrap_or(input + raw.completion_tokens);\n    Usage { input, total }\n}\n"
        #expect(change.find(in: Self.lines(fixed)) == .present)
        // Moved down the file and re-indented at the end of lines only: still present.
        #expect(change.find(in: Self.lines("// header\n\n\n" + fixed.replacingOccurrences(of: "Usage {\n", with: "Usage {   \r\n"))) == .present)
        // The context changed around the fixed line: the line itself still counts.
        let recontexted = fixed.replacingOccurrences(of: "let input = raw.prompt_tokens;", with: "let input = raw.input();")
        #expect(change.find(in: Self.lines(recontexted)) == .present)
        // The pre-fix line is back (a revert).
        let reverted = fixed.replacingOccurrences(of: "raw.total_tokens.unwrap_or(input + raw.completion_tokens)", with: "input + raw.completion_tokens + raw.cache_read")
        #expect(change.find(in: Self.lines(reverted)) == .undone)
        // Edited again since: neither the fixed nor the old line.
        let edited = fixed.replacingOccurrences(of: "raw.total_tokens.unwrap_or(input + raw.completion_tokens)", with: "raw.total()")
        #expect(change.find(in: Self.lines(edited)) == .changedSince)
        // Both the fixed line and, elsewhere, the old block: not fixed.
        #expect(change.find(in: Self.lines(fixed + "\n" + reverted)) == .undone)
    }

    @Test func aPureAdditionIsUndoneWhenItsNeighboursMeetAgain() throws {
        let added = Self.hunk([
            (.context, "    let input = raw.prompt_tokens;"),
            (.added, "    let output = raw.completion_tokens;"),
            (.context, "    Usage { input, output }"),
        ])
        let change = try #require(FixChange.changes(in: [added]).first)
        #expect(change.find(in: Self.lines("    let input = raw.prompt_tokens;\n    let output = raw.completion_tokens;\n    Usage { input, output }\n")) == .present)
        #expect(change.find(in: Self.lines("    let input = raw.prompt_tokens;\n    Usage { input, output }\n")) == .undone)
        // Braces and blank lines prove nothing: an addition between them is never "undone".
        let generic = try #require(FixChange.changes(in: [Self.hunk([(.context, "}"), (.added, "    check_overflow(input)?;"), (.context, "")])]).first)
        #expect(generic.find(in: Self.lines("}\n\nfn other() {}\n")) == .changedSince)
    }

    @Test func aDeletionIsPresentWhenItsLinesAreGone() throws {
        let deletion = try #require(FixChange.changes(in: [Self.hunk([
            (.context, "    let input = raw.prompt_tokens;"),
            (.removed, "    let input = input + raw.cache_read;"),
            (.context, "    if input > limit { return Err(Overflow) }"),
        ])]).first)
        #expect(deletion.find(in: Self.lines("    let input = raw.prompt_tokens;\n    if input > limit { return Err(Overflow) }\n")) == .present)
        #expect(deletion.find(in: Self.lines("    let input = raw.prompt_tokens;\n    let input = input + raw.cache_read;\n    if input > limit { return Err(Overflow) }\n")) == .undone)
    }

    @Test func runsOfChangedLinesInOneHunkAreSeparateChanges() {
        let two = Self.hunk([
            (.context, "a line of context here"), (.removed, "old first"), (.added, "new first"),
            (.context, "shared middle context"), (.context, "more middle"),
            (.removed, "old second"), (.added, "new second"), (.context, "closing context line"),
        ])
        let changes = FixChange.changes(in: [two])
        #expect(changes.count == 2)
        #expect(changes.map(\.line) == [11, 14])
        // Context is what sits between the runs; the other run's lines are not context.
        #expect(changes[1].before == ["shared middle context", "more middle"])
        #expect(changes[0].after == ["shared middle context", "more middle"])
        #expect(changes[1].after == ["closing context line"])
    }

    // MARK: the normalised manifest against the written one

    static let written = """
        [package]
        name = "alchemy-llm"
        version = "0.1.2"
        edition = "2021"

        [dependencies]
        serde_json = "1"
        tokio = { version = "1.38", features = ["rt"] }
        helper = { path = "../helper", version = "0.3" }

        [dev-dependencies]
        testkit = { path = "../testkit" }

        [target.'cfg(unix)'.dependencies]
        libc = "0.2"
        """

    static func normalised(version: String = "0.1.2", serde: String = "1", extra: String = "") -> String {
        CrateFixture.manifest(name: "alchemy-llm", version: version, dependencies: ["serde_json": serde, "tokio": "1.38", "helper": "0.3"])
            + "\n[target.'cfg(unix)'.dependencies.libc]\nversion = \"0.2\"\n" + extra
    }

    static func problems(_ normalised: String, _ written: String = written, workspace: TOMLTable? = nil) throws -> [String] {
        try ManifestAgreement(normalized: normalised, original: written, workspace: { workspace }).problems()
    }

    @Test func cargosNormalisedManifestAgreesWithTheWrittenOne() throws {
        // Path-only development dependencies are dropped by cargo; path is removed from the rest.
        #expect(try Self.problems(Self.normalised()) == [])
    }

    @Test func aNormalisedManifestThatSaysSomethingElseIsNamed() throws {
        #expect(try Self.problems(Self.normalised(version: "0.1.3")) == [#"gives version "0.1.3" where Cargo.toml.orig gives "0.1.2""#])
        #expect(try Self.problems(Self.normalised(serde: "=1.0.99")) == [#"requires dependencies.serde_json "=1.0.99" where Cargo.toml.orig requires "1""#])
        #expect(try Self.problems(Self.normalised(extra: "\n[dependencies.evil]\nversion = \"0.1\"\n")) == [#"declares dependencies.evil ("0.1"), which Cargo.toml.orig does not"#])
        let dropped = Self.normalised().replacingOccurrences(of: "\n[target.'cfg(unix)'.dependencies.libc]\nversion = \"0.2\"\n", with: "")
        #expect(try Self.problems(dropped) == [#"leaves out target.'cfg(unix)'.dependencies.libc ("0.2"), which Cargo.toml.orig declares"#])
        #expect(try Self.problems("[package\n").first?.hasPrefix("is not valid TOML") == true)
    }

    @Test func workspaceValuesAreReadFromTheWorkspaceManifest() throws {
        let member = """
            [package]
            name = "alchemy-llm"
            version.workspace = true

            [dependencies]
            serde_json = { workspace = true }
            """
        let root = try TOMLReader.parse("[workspace]\nmembers = [\"crates/llm\"]\n\n[workspace.package]\nversion = \"0.1.2\"\n\n[workspace.dependencies]\nserde_json = \"1\"\n")
        let normal = CrateFixture.manifest(name: "alchemy-llm", version: "0.1.2", dependencies: ["serde_json": "1"])
        #expect(try Self.problems(normal, member, workspace: root) == [])
        let bumped = try TOMLReader.parse("[workspace]\n[workspace.package]\nversion = \"0.1.3\"\n[workspace.dependencies]\nserde_json = \"1\"\n")
        #expect(try Self.problems(normal, member, workspace: bumped) == [#"gives version "0.1.2" where Cargo.toml.orig gives "0.1.3""#])
    }

    // MARK: path_in_vcs

    @Test func pathInVCSIsAPlainFolderOrRefused() throws {
        #expect(try PathInVCS.folder(nil) == "")
        #expect(try PathInVCS.folder("") == "")
        #expect(try PathInVCS.folder("crates/llm") == "crates/llm")
        #expect(try PathInVCS.folder("crates/llm/") == "crates/llm")
        for (bad, why) in [("../elsewhere", "steps out of the repository"), ("crates/../../x", "steps out of the repository"),
                           ("/etc", "is not a relative path"), ("crates//llm", "is not a plain path"), ("./crates", "is not a plain path"),
                           ("crates\\llm", "is not a relative path"), ("a\u{1B}[31m", "has control characters")] {
            do {
                _ = try PathInVCS.folder(bad)
                Issue.record("\(bad) was accepted")
            } catch let refusal as PathInVCS.Refusal {
                #expect(refusal.reason.contains(why), "\(refusal.reason)")
                #expect(!refusal.reason.unicodeScalars.contains { $0.value < 0x20 }, "one printable line")
            }
        }
        #expect(PathInVCS.resolve("../../README.md", from: "crates/llm") == "README.md")
        #expect(PathInVCS.resolve("../../../etc/passwd", from: "crates/llm") == nil)
        #expect(PathInVCS.resolve("/etc/passwd", from: "") == nil)
    }

    // MARK: the package's files as git blobs

    @Test func everyPackageFileCarriesTheBlobIdGitWouldGiveIt() throws {
        let files = ["Cargo.toml": CrateFixture.manifest(name: PackageFixture.name, version: PackageFixture.version),
                     "src/lib.rs": "pub fn usage() {}\n", "empty.txt": "", "README.md": "# alchemy-llm\n"]
        let package = try PackageFixture.read(try PackageFixture.crate(files))
        #expect(package.files.map(\.path).sorted() == files.keys.sorted())
        for file in package.files {
            // An independent implementation: git itself.
            let expected = try Self.gitHashObject(files[file.path]!)
            #expect(file.blob.hex == expected, "\(file.path)")
            #expect(file.size == Int64(files[file.path]!.utf8.count))
        }
        let read = try package.contents(of: ["src/lib.rs", "not/there.rs"])
        #expect(read == ["src/lib.rs": Array("pub fn usage() {}\n".utf8)])
    }

    static func gitHashObject(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "hash-object", "--stdin"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
