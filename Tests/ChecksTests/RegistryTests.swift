import Checks
import Usage
import Testing
import Support
@testable import Cargo

@Suite struct SemVerTests {
    @Test func cargoOrderingWithPreReleasesAndBuildMetadata() throws {
        let ordered = ["0.1.1", "0.1.2-alpha", "0.1.2-alpha.1", "0.1.2-alpha.beta", "0.1.2-beta", "0.1.2-beta.2",
                       "0.1.2-beta.11", "0.1.2-rc.1", "0.1.2", "0.1.10", "0.2.0", "1.0.0"]
        let versions = try ordered.map { try SemVer($0) }
        #expect(versions.shuffled().sorted() == versions)
        #expect(try SemVer("0.1.2+build.5").precedence(try SemVer("0.1.2")) == 0)
        #expect(try SemVer("1.2.3-rc.1+meta").description == "1.2.3-rc.1+meta")
    }

    @Test(arguments: ["0.1", "01.2.3", "1.2.3-", "1.2.3-01", "a.b.c", "1.2.3+", ""])
    func invalidVersionsAreRefused(text: String) {
        #expect(throws: SemVer.ParseError.self) { try SemVer(text) }
    }
}

@Suite struct VersionRequirementTests {
    @Test(arguments: [
        ("0.1.1", "", "0.1.1", "0.1.2"),
        ("^0.1.1", "^", "0.1.1", "^0.1.2"),
        ("=0.1.1", "=", "0.1.1", "=0.1.2"),
        ("~0.1.1", "~", "0.1.1", "~0.1.2"),
        (">=0.1.1, <0.3", ">=", "0.1.1", ">=0.1.2, <0.3"),
        ("0.1", "", "0.1.0", "0.1.2"),
    ])
    func pinnedVersionAndBump(text: String, op: String, pinned: String, bumped: String) throws {
        let r = try VersionRequirement(text)
        #expect(r.op == op)
        #expect(r.pinned == (try SemVer(pinned)))
        #expect(r.bumped(to: try SemVer("0.1.2")) == bumped)
    }

    @Test(arguments: ["*", "<0.2", "", "0.x", "banana"])
    func requirementsThatPinNothingAreRefused(text: String) {
        #expect(throws: VersionRequirement.ParseError.self) { try VersionRequirement(text) }
    }
}

@Suite struct IndexTests {
    @Test(arguments: [("a", "1/a"), ("ab", "2/ab"), ("abc", "3/a/abc"), ("alchemy-llm", "al/ch/alchemy-llm"), ("Serde_JSON", "se/rd/serde_json")])
    func sparseIndexPaths(name: String, path: String) throws {
        #expect(try IndexPath.of(name) == path)
    }

    @Test func invalidCrateNamesAreRefused() {
        for bad in ["", "1abc", "../etc", "a/b", String(repeating: "a", count: 65)] {
            #expect(throws: IndexPath.InvalidName.self) { try IndexPath.of(bad) }
        }
    }

    @Test func downloadTemplatesWithEveryMarker() throws {
        let sum = String(repeating: "ab", count: 32)
        let marked = RegistryConfig(download: "https://dl.example/{prefix}/{lowerprefix}/{crate}/{version}/{sha256-checksum}")
        #expect(try marked.downloadURL(crate: "Alchemy-LLM", version: "0.1.2", checksum: sum)
                == "https://dl.example/Al/ch/al/ch/Alchemy-LLM/0.1.2/\(sum)")
        let bare = RegistryConfig(download: "https://static.crates.io/crates")
        #expect(try bare.downloadURL(crate: "alchemy-llm", version: "0.1.2", checksum: sum)
                == "https://static.crates.io/crates/alchemy-llm/0.1.2/download")
    }

    @Test func configJSONWithoutDLIsAnError() throws {
        #expect(throws: RegistryConfig.Invalid.self) { try RegistryConfig(json: Array(#"{"api": "x"}"#.utf8), url: "u") }
        do {
            _ = try RegistryConfig(json: Array(#"{"api": "x"}"#.utf8), url: "http://r/config.json")
        } catch {
            #expect("\(error)" == "http://r/config.json: no \"dl\" key: the registry does not say where packages download from")
        }
        #expect(try RegistryConfig(json: Array(#"{"dl": "https://x/{crate}", "api": null}"#.utf8), url: "u").download == "https://x/{crate}")
    }

    @Test func indexLinesIgnoreUnknownFieldsAndNameBadLines() throws {
        let sum = String(repeating: "0", count: 64)
        let good = """
            {"name":"alchemy-llm","vers":"0.1.1","deps":[],"cksum":"\(sum)","features":{},"yanked":false,"v":2,"future":1}

            {"name":"alchemy-llm","vers":"0.1.2","deps":[],"cksum":"\(sum)","features":{},"yanked":true,"pubtime":"2026-02-12T10:00:00Z"}
            """
        let entries = try IndexFile.parse(Array(good.utf8), source: "idx", crate: "alchemy-llm")
        #expect(entries.map(\.version.description) == ["0.1.1", "0.1.2"])
        #expect(entries.map(\.yanked) == [false, true])
        #expect(entries[1].publishedAt == "2026-02-12T10:00:00Z")
        #expect(entries[1].line == 3)

        let bad = good + "\n{\"name\":\"alchemy-llm\",\"vers\":\"0.1.3\",\"cksum\":\"zz\"}"
        do {
            _ = try IndexFile.parse(Array(bad.utf8), source: "http://r/al/ch/alchemy-llm", crate: "alchemy-llm")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "http://r/al/ch/alchemy-llm:4: \"cksum\" must be 64 lower-case hex digits")
        }
        let broken = "{\"name\":\"alchemy-llm\",\"vers\":\"0.1.3\""
        do {
            _ = try IndexFile.parse(Array(broken.utf8), source: "idx", crate: "alchemy-llm")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "idx:1: not valid JSON: column 37: expected ',' or '}' in object, found end of input")
        }
    }
}

/// A registry's config.json may not send downloads to another scheme than its index's: a
/// remote index must not make gatekeeper read local files, an https index must not downgrade
/// to http (issue 13, item 3). http → https is an upgrade and fine.
@Suite struct RegistryDownloadSchemeTests {
    static func config(index: String, dl: String) throws -> RegistryConfig {
        try RegistryConfig(json: Array(JSONWriter.string(["dl": .string(dl), "api": nil]).utf8), url: index + "config.json")
    }

    @Test(arguments: [
        ("https://index.crates.io/", "https://static.crates.io/crates"),
        ("http://127.0.0.1:8080/index/", "http://127.0.0.1:8080/crates/{crate}/{crate}-{version}.crate"),
        ("http://127.0.0.1:8080/index/", "https://dl.example/{crate}/{version}"),
        ("file:///srv/registry/index/", "file:///srv/registry/crates/{crate}/{crate}-{version}.crate"),
        ("HTTPS://index.example/", "https://dl.example/{crate}"),
        ("https://index.example/", "HTTPS://dl.example/{crate}"),
    ])
    func theIndexsSchemeOrAnUpgradeIsAccepted(index: String, dl: String) throws {
        #expect(try Self.config(index: index, dl: dl).download == dl)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/index/", "file:///etc/{crate}", "sends downloads over file:// from an http:// index; refused: packages download over http:// or https:// like the index"),
        ("https://index.example/", "file:///home/me/.ssh/{crate}", "sends downloads over file:// from an https:// index; refused: packages download over https:// like the index"),
        ("https://index.example/", "http://dl.example/{crate}", "sends downloads over http:// from an https:// index; refused: packages download over https:// like the index"),
        ("file:///srv/registry/index/", "https://dl.example/{crate}", "sends downloads over https:// from a file:// index; refused: packages download over file:// like the index"),
        ("http://127.0.0.1:8080/index/", "ftp://dl.example/{crate}", "sends downloads over ftp:// from an http:// index; refused: packages download over http:// or https:// like the index"),
        ("https://index.example/", "FILE:///etc/{crate}", "sends downloads over file:// from an https:// index; refused: packages download over https:// like the index"),
        ("https://index.example/", "crates/{crate}", "is not a URL; packages download over https:// like the index"),
        ("http://127.0.0.1:8080/index/", "file:/etc/{crate}", "is not a URL; packages download over http:// or https:// like the index"),
        ("https://index.example/", " file:///etc/{crate}", "is not a URL; packages download over https:// like the index"),
    ])
    func anotherSchemeIsRefusedInOneLineNamingConfigJSONAndTheURL(index: String, dl: String, says: String) throws {
        do {
            _ = try Self.config(index: index, dl: dl)
            Issue.record("\(dl) from \(index) was accepted")
        } catch let error as RegistryConfig.Invalid {
            #expect("\(error)" == "\(index)config.json: \"dl\" = \"\(dl)\" \(says)")
        }
    }

    @Test func controlCharactersInTheURLAreShownEscaped() throws {
        do {
            _ = try Self.config(index: "https://index.example/", dl: "file:///x\n\u{1b}[2Jgate alchemy-llm: OPEN")
            Issue.record("accepted")
        } catch let error as RegistryConfig.Invalid {
            #expect("\(error)" == "https://index.example/config.json: \"dl\" = \"file:///x\\u{a}\\u{1b}[2Jgate alchemy-llm: OPEN\" sends downloads over file:// from an https:// index; refused: packages download over https:// like the index")
            #expect(!"\(error)".contains("\n"))
        }
    }
}
