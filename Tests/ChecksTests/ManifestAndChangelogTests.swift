import Checks
import Testing
@testable import TOML
@testable import Cargo

@Suite struct ManifestDependenciesTests {
    let manifest = """
        [package]
        name = "tinyagent"

        [dependencies]
        alchemy-llm = "0.1.1"   # pinned until the usage fix ships
        serde = "1"

        [dev-dependencies]
        alchemy = { package = "alchemy-llm", version = "=0.1.1", features = ["openai"] }

        [target.'cfg(unix)'.build-dependencies]
        alchemy-llm = { version = "~0.1.1" }

        [workspace.dependencies.alchemy-llm]
        version = "0.1.1"
        default-features = false

        [build-dependencies]
        alchemy-llm = { workspace = true }
        """

    @Test func everyTableAndFormCargoAccepts() throws {
        let decls = try ManifestDependencies.find("alchemy-llm", in: try TOMLReader.parse(manifest), file: "Cargo.toml")
        #expect(decls.map(\.table) == ["dependencies", "dev-dependencies", "build-dependencies", "target.'cfg(unix)'.build-dependencies", "workspace.dependencies"])
        #expect(decls.map(\.key) == ["alchemy-llm", "alchemy", "alchemy-llm", "alchemy-llm", "alchemy-llm"])
        #expect(decls.map { $0.requirement?.text } == ["0.1.1", "=0.1.1", nil, "~0.1.1", "0.1.1"])
        #expect(decls[2].inheritsWorkspace)
        #expect(decls[0].line == 5)
        let span = try #require(decls[1].requirementSpan)
        #expect(String(decoding: Array(manifest.utf8)[span.start..<span.end], as: UTF8.self) == "\"=0.1.1\"")
    }

    @Test func badShapesNameFileAndLine() throws {
        do {
            _ = try ManifestDependencies.find("alchemy-llm", in: try TOMLReader.parse("[dependencies]\nalchemy-llm = 1"), file: "x/Cargo.toml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "x/Cargo.toml:2: dependencies.alchemy-llm must be a string or a table, got an integer")
        }
        do {
            _ = try ManifestDependencies.find("alchemy-llm", in: try TOMLReader.parse("[dependencies]\nalchemy-llm = \"*\""), file: "Cargo.toml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "Cargo.toml:2: requirement \"*\": a wildcard requirement pins no version")
        }
    }
}

@Suite struct ChangelogTests {
    let text = """
        # Changelog

        All notable changes to this project will be documented in this file.

        ## [Unreleased]
        - something not yet released

        ## [0.1.3] - 2026-03-01
        ### Fixed
        - a later fix

        ## [0.1.2] - 2026-02-12

        ### Added
        - `examples/simple_chat.rs` - Basic chat example
        ### Fixed
        - `openai`: Align usage semantics with provider raw tokens
          (continued on a second line)
        * prefer provider `total_tokens`

        ## [0.1.1] - 2026-02-12
        - Initial crates.io release
        """

    @Test func keepAChangelogSectionsAndEntries() throws {
        let document = try Changelog.parse(text, file: "CHANGELOG.md")
        let sections = document.sections
        #expect(sections.map(\.version.description) == ["0.1.3", "0.1.2", "0.1.1"])
        #expect(document.unreleased.map(\.text) == ["- something not yet released"])
        #expect(document.unreleased.allSatisfy { $0.setAside == .unreleased })
        let s012 = sections[1]
        #expect(s012.line == 12)
        #expect(s012.entries.map(\.text) == [
            "- `examples/simple_chat.rs` - Basic chat example",
            "- `openai`: Align usage semantics with provider raw tokens (continued on a second line)",
            "* prefer provider `total_tokens`",
        ])
        #expect(s012.entries.map(\.line) == [15, 17, 19])
        let picked = document.sections(after: try SemVer("0.1.1"), upTo: try SemVer("0.1.2"))
        #expect(picked.map(\.version.description) == ["0.1.2"])
    }

    @Test(arguments: ["## 0.1.2", "## v0.1.2", "## [v0.1.2](https://x/compare) - 2026-02-12", "## alchemy-llm 0.1.2", "### 0.1.2 (2026-02-12)", "## alchemy-llm@0.1.2", "## Release 0.1.2", "## [alchemy_llm 0.1.2]"])
    func headingVariants(heading: String) throws {
        let sections = try Changelog.parse("\(heading)\n- fix\n", file: "c", crate: "alchemy-llm").sections
        #expect(sections.map(\.version.description) == ["0.1.2"])
        #expect(sections.first?.entries.map(\.text) == ["- fix"])
    }

    @Test func aSecondSectionForOneVersionIsAnError() throws {
        do {
            _ = try Changelog.parse("## 0.1.2\n- a\n## [0.1.2]\n- b\n", file: "CHANGELOG.md")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "CHANGELOG.md:3: a second section for 0.1.2 (the first is at line 1)")
        }
    }
}
