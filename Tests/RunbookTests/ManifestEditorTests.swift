import Checks
import DemoWorld
import Runbook
import Testing
@testable import TOML
@testable import Cargo

/// Bytes outside the requirement strings must be identical, and each string keeps its quotes:
/// the spans of the re-read result line up with the original's, stretch by stretch.
func expectOnlyRequirementsChanged(_ edit: ManifestEdit, dependency: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    func spans(_ text: String) throws -> [TOMLSpan] {
        try ManifestDependencies.find(dependency, in: TOMLReader.parse(text), file: edit.file).compactMap(\.requirementSpan)
            .sorted { $0.start < $1.start }
    }
    let old = try spans(edit.before), new = try spans(edit.after)
    try #require(old.count == new.count, sourceLocation: sourceLocation)
    let before = Array(edit.before.utf8), after = Array(edit.after.utf8)
    var a = 0, b = 0
    for (x, y) in zip(old, new) {
        #expect(before[a..<x.start].elementsEqual(after[b..<y.start]), "bytes before line \(x.line) differ", sourceLocation: sourceLocation)
        #expect(before[x.start] == after[y.start] && before[x.end - 1] == after[y.end - 1], "quotes on line \(x.line) differ",
                sourceLocation: sourceLocation)
        a = x.end
        b = y.end
    }
    #expect(before[a...].elementsEqual(after[b...]), "bytes after the last requirement differ", sourceLocation: sourceLocation)
}

@Suite struct ManifestEditorTests {
    let v012 = try! SemVer("0.1.2")

    @Test func seedRootManifestChangesOnlyTheVersion() throws {
        let edit = try ManifestEditor.bump(TargetRepository.rootManifest, file: "Cargo.toml", dependency: "alchemy-llm", to: v012)
        #expect(edit.after == TargetRepository.rootManifest.replacingOccurrences(of: "alchemy-llm = \"0.1.1\"", with: "alchemy-llm = \"0.1.2\""))
        #expect(edit.changes.count == 1)
        #expect(edit.changes[0].table == "dependencies" && edit.changes[0].key == "alchemy-llm")
        #expect(edit.changes[0].line == 8 && edit.changes[0].from == "0.1.1" && edit.changes[0].to == "0.1.2")
    }

    @Test func seedBindingsManifestKeepsTheInlineTable() throws {
        let edit = try ManifestEditor.bump(TargetRepository.bindingsManifest, file: "bindings/alchemy_llm_py/Cargo.toml",
                                           dependency: "alchemy-llm", to: v012)
        #expect(edit.after.contains("alchemy-llm = { version = \"0.1.2\", default-features = false }\n"))
        #expect(edit.after.replacingOccurrences(of: "0.1.2", with: "0.1.1") == TargetRepository.bindingsManifest)
        try expectOnlyRequirementsChanged(edit, dependency: "alchemy-llm")
    }

    /// Every table and string form cargo accepts, CRLF line endings, comments on the same line,
    /// and a neighbour whose requirement is also "0.1.1".
    static let everyForm = [
        "# a workspace and a package in one manifest",
        "[workspace]",
        "members = [\"crates/*\"]",
        "",
        "[workspace.dependencies]",
        "alchemy-llm = { version = \"=0.1.1\" }   # exact, for every member",
        "",
        "[package]",
        "name = \"every-form\"",
        "version = \"0.1.1\"                  # the package's own version is not a requirement",
        "",
        "[dependencies]",
        "alchemy-llm = \"0.1.1\" # plain",
        "other-crate = \"0.1.1\"  # same text, another crate: must stay",
        "llm = { package = \"alchemy-llm\", version = '~0.1.1', optional = true }",
        "inherited = { package = \"alchemy-llm\", workspace = true }",
        "by-path = { package = \"alchemy-llm\", path = \"../alchemy\" }",
        "",
        "[dependencies.alchemy-llm-renamed]",
        "package = \"alchemy-llm\"",
        "version = \">=0.1.1, <0.3\"   # a range keeps its upper bound",
        "features = [\"stream\"]",
        "",
        "[dev-dependencies]",
        "alchemy-llm = { version = \"^0.1.1\", features = [\"test-utils\"] }",
        "",
        "[build-dependencies]",
        "alchemy-llm = '0.1.1'",
        "",
        "[target.'cfg(unix)'.dependencies]",
        "alchemy-llm = { version = \"0.1\" }",
        "",
        "[target.\"cfg(windows)\".dev-dependencies.alchemy-llm]",
        "version = \"\"\"0.1.1\"\"\"",
        "",
        "[features]",
        "default = [\"alchemy-llm-renamed/stream\"]",
    ].joined(separator: "\r\n") + "\r\n"

    @Test func everyFormMovesAndKeepsItsOperatorAndQuotes() throws {
        let edit = try ManifestEditor.bump(Self.everyForm, file: "Cargo.toml", dependency: "alchemy-llm", to: v012)
        let lines = edit.after.components(separatedBy: "\r\n")
        #expect(lines[5] == "alchemy-llm = { version = \"=0.1.2\" }   # exact, for every member")
        #expect(lines[9] == "version = \"0.1.1\"                  # the package's own version is not a requirement")
        #expect(lines[12] == "alchemy-llm = \"0.1.2\" # plain")
        #expect(lines[13] == "other-crate = \"0.1.1\"  # same text, another crate: must stay")
        #expect(lines[14] == "llm = { package = \"alchemy-llm\", version = '~0.1.2', optional = true }")
        #expect(lines[15] == "inherited = { package = \"alchemy-llm\", workspace = true }")
        #expect(lines[16] == "by-path = { package = \"alchemy-llm\", path = \"../alchemy\" }")
        #expect(lines[20] == "version = \">=0.1.2, <0.3\"   # a range keeps its upper bound")
        #expect(lines[24] == "alchemy-llm = { version = \"^0.1.2\", features = [\"test-utils\"] }")
        #expect(lines[27] == "alchemy-llm = '0.1.2'")
        #expect(lines[30] == "alchemy-llm = { version = \"0.1.2\" }")
        #expect(lines[33] == "version = \"\"\"0.1.2\"\"\"")
        #expect(!edit.after.contains("\n\n"), "every line ending stays CRLF")
        #expect(edit.after.utf8.count == edit.before.utf8.count + 2, "only \"0.1\" grew, by two bytes")
        try expectOnlyRequirementsChanged(edit, dependency: "alchemy-llm")

        #expect(edit.changes.map(\.table) == ["workspace.dependencies", "dependencies", "dependencies", "dependencies",
                                              "dev-dependencies", "build-dependencies", "target.'cfg(unix)'.dependencies",
                                              "target.'cfg(windows)'.dev-dependencies"])
        #expect(edit.changes.map(\.line) == [6, 13, 15, 21, 25, 28, 31, 34])
        #expect(edit.changes.map(\.key) == ["alchemy-llm", "alchemy-llm", "llm", "alchemy-llm-renamed", "alchemy-llm", "alchemy-llm", "alchemy-llm", "alchemy-llm"])
        #expect(edit.changes.map(\.to) == ["=0.1.2", "0.1.2", "~0.1.2", ">=0.1.2, <0.3", "^0.1.2", "0.1.2", "0.1.2", "0.1.2"])

        // Re-reading the result finds every requirement at the new version, the others as they were.
        let reread = try ManifestDependencies.find("alchemy-llm", in: TOMLReader.parse(edit.after), file: "Cargo.toml")
        #expect(reread.compactMap(\.requirement).allSatisfy { $0.pinned == v012 })
        #expect(try ManifestDependencies.find("other-crate", in: TOMLReader.parse(edit.after), file: "Cargo.toml")
                    .first?.requirement?.text == "0.1.1")
    }

    @Test func bumpingToTheSameVersionChangesNothing() throws {
        let once = try ManifestEditor.bump(TargetRepository.rootManifest, file: "Cargo.toml", dependency: "alchemy-llm", to: v012)
        let twice = try ManifestEditor.bump(once.after, file: "Cargo.toml", dependency: "alchemy-llm", to: v012)
        #expect(twice.changes.isEmpty && !twice.changed && twice.after == once.after)
    }

    @Test func escapedBasicStringsAreRewrittenPlainly() throws {
        let text = "[dependencies]\nalchemy-llm = \"\\u0030.1.1\"\n"
        let edit = try ManifestEditor.bump(text, file: "Cargo.toml", dependency: "alchemy-llm", to: v012)
        #expect(edit.after == "[dependencies]\nalchemy-llm = \"0.1.2\"\n")
    }

    @Test func onlyWorkspaceOrPathDeclarationsAreLeftAlone() throws {
        let text = "[dependencies]\nalchemy-llm = { workspace = true }\n"
        let edit = try ManifestEditor.bump(text, file: "member/Cargo.toml", dependency: "alchemy-llm", to: v012)
        #expect(edit.after == text && edit.changes.isEmpty)
    }
}
