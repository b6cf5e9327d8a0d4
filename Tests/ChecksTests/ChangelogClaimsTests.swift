import Checks
import Testing
@testable import Cargo

/// What a changelog section yields as claims: what a reader sees, under a release of this crate.
@Suite struct ChangelogClaimsTests {
    func entries(_ body: String, crate: String = "alchemy-llm") throws -> [ChangelogEntry] {
        try Changelog.parse("# Changelog\n\n## [0.1.2] - 2026-02-12\n\n" + body, file: "CHANGELOG.md", crate: crate).sections.first?.entries ?? []
    }

    @Test func bulletsWithContinuationLinesAndParagraphsAreClaims() throws {
        let e = try entries("### Fixed\n- one\n  two\n* three\n1. four\n\nA paragraph\nthat goes on.\n")
        #expect(e.map(\.text) == ["- one two", "* three", "1. four", "A paragraph that goes on."])
        #expect(e.map(\.line) == [6, 8, 9, 11])
        #expect(e.allSatisfy { $0.setAside == nil })
    }

    @Test func htmlCommentsAreSetAsideAndNeverJoinTheVisibleClaim() throws {
        let e = try entries("- visible <!-- hidden inline -->\n<!--\n- hidden block\nmore\n-->\n- after\n")
        #expect(e.filter { $0.setAside == nil }.map(\.text) == ["- visible", "- after"])
        #expect(e.filter { $0.setAside == .comment }.map(\.text) == ["hidden inline", "- hidden block", "more"])
        // Control: the same words outside the comment are a claim.
        #expect(try entries("- hidden inline\n").first?.setAside == nil)
    }

    @Test func fencedCodeIsNoClaim() throws {
        #expect(try entries("```\n- provider total_tokens\n```\n- real\n").map(\.text) == ["- real"])
    }

    @Test(arguments: ["Known issues", "Planned", "Roadmap", "TODO", "Upcoming", "Unreleased", "Next", "Known Limitations", "Work in progress"])
    func intentSubHeadingsSetAsideWhatIsUnderThem(heading: String) throws {
        let e = try entries("### Fixed\n- shipped\n\n### \(heading)\n- planned thing\n#### Detail\n- deeper\n\n### Added\n- also shipped\n")
        #expect(e.map(\.text) == ["- shipped", "- planned thing", "- deeper", "- also shipped"])
        #expect(e.map(\.setAside) == [nil, .intent, .intent, nil])
    }

    @Test func aBoldLabelOfIntentActsAsASubHeading() throws {
        let e = try entries("- shipped\n\n**Known issues:**\n- not shipped\n")
        #expect(e.map(\.setAside) == [nil, .intent])
    }

    @Test func anotherCratesHeadingIsNotThisCratesRelease() throws {
        let text = "## alchemy-core 0.1.2\n- core change\n\n## alchemy-llm-macros 0.1.2\n- macros change\n\n## [0.1.2]\n- ours\n"
        let document = try Changelog.parse(text, file: "CHANGELOG.md", crate: "alchemy-llm")
        #expect(document.sections.map(\.version.description) == ["0.1.2"])
        #expect(document.sections[0].entries.map(\.text) == ["- ours"])
        #expect(document.otherCrates.map { $0.crate } == ["alchemy-core", "alchemy-llm-macros"])
        #expect(document.otherCrates.flatMap(\.entries).map(\.setAside) == [.otherCrate("alchemy-core"), .otherCrate("alchemy-llm-macros")])
        // Control: this crate's own name, in either spelling, is its release.
        let own = try Changelog.parse("## alchemy_llm 0.1.2\n- ours\n", file: "CHANGELOG.md", crate: "alchemy-llm")
        #expect(own.sections.count == 1 && own.otherCrates.isEmpty)
    }

    @Test func unreleasedNeverCountsWhateverItsDecoration() throws {
        for heading in ["## [Unreleased]", "## Unreleased", "## [Unreleased] - ReleaseDate", "## [Unreleased](https://x/compare/v0.1.2...HEAD)"] {
            let document = try Changelog.parse("\(heading)\n- next thing\n\n## [0.1.2]\n- shipped\n", file: "c", crate: "alchemy-llm")
            #expect(document.unreleased.map(\.text) == ["- next thing"], "\(heading)")
            #expect(document.sections.first?.entries.map(\.text) == ["- shipped"], "\(heading)")
        }
    }

    @Test func sectionsInRangeIncludeEveryVersionBetweenThePinAndTheCandidate() throws {
        let text = "## 0.2.1\n- later\n## 0.1.9\n- nine\n## 0.1.3\n- three\n## 0.1.2\n- two\n## 0.1.1\n- pinned\n"
        let document = try Changelog.parse(text, file: "c", crate: "alchemy-llm")
        let picked = document.sections(after: try SemVer("0.1.1"), upTo: try SemVer("0.2.0"))
        #expect(picked.map(\.version.description) == ["0.1.9", "0.1.3", "0.1.2"])
    }

    @Test func malformedVersionsAreErrorsNamingTheLine() throws {
        #expect(throws: Changelog.ShapeError.self) { try Changelog.parse("# C\n\n## [0.1.02] - 2026\n- x\n", file: "CHANGELOG.md") }
        do {
            _ = try Changelog.parse("# C\n\n## 0.1.2.3\n- x\n", file: "CHANGELOG.md")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix("CHANGELOG.md:3: heading names an invalid version"))
        }
    }
}
