import Checks
import DemoWorld
import Foundation
import Testing
import Usage
import Support
@testable import Cargo

@Suite struct RegistryFixtureTests {
    private func withRoot(_ body: (String) throws -> Void) throws {
        let root = "/tmp/gatekeeper-registry-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try body(root)
    }

    private func read(_ path: String) throws -> [UInt8] {
        try FileBytes.read(path)
    }

    @Test func writesTheSparseLayoutForEveryNameLength() throws {
        try withRoot { root in
            let releases = ["a", "ab", "abc", "abcd", "Serde_Json"].map { RegistryFixture.Release(name: $0, version: "1.0.0") }
            let checksums = try RegistryFixture.write(releases, to: root, downloadBase: "file://\(root)/crates")
            for (name, indexPath) in [("a", "1/a"), ("ab", "2/ab"), ("abc", "3/a/abc"), ("abcd", "ab/cd/abcd"), ("Serde_Json", "se/rd/serde_json")] {
                let path = "\(root)/index/\(indexPath)"
                #expect(FileManager.default.fileExists(atPath: path), "\(path)")
                #expect(try IndexPath.of(name) == indexPath)
                let entries = try IndexFile.parse(try read(path), source: path, crate: name)
                #expect(entries.map(\.version.description) == ["1.0.0"])
                let crate = try read("\(root)/crates/\(name)/\(name)-1.0.0.crate")
                #expect(entries.first?.checksum == SHA256Hex.of(crate))
                #expect(checksums["\(name)@1.0.0"] == SHA256Hex.of(crate))
            }
            #expect(checksums.count == 5)
        }
    }

    @Test func configJSONPointsAtThePackages() throws {
        try withRoot { root in
            let base = "file://\(root)/crates"
            let checksums = try RegistryFixture.write([.init(name: "alchemy-llm", version: "0.1.2")], to: root, downloadBase: base + "/")
            let configBytes = try read("\(root)/index/config.json")
            #expect(String(decoding: configBytes, as: UTF8.self) == #"{"dl":"\#(base)/{crate}/{crate}-{version}.crate","api":null}"# + "\n")
            let config = try RegistryConfig(json: configBytes, url: "config.json")
            #expect(config.api == nil)
            let checksum = try #require(checksums["alchemy-llm@0.1.2"])
            let url = try config.downloadURL(crate: "alchemy-llm", version: "0.1.2", checksum: checksum)
            #expect(url == "\(base)/alchemy-llm/alchemy-llm-0.1.2.crate")
            let bytes = try read(String(url.dropFirst("file://".count)))
            let package = try CrateArchive.read(bytes, name: "alchemy-llm", version: "0.1.2", checksum: checksum)
            #expect(package.manifest == CrateFixture.manifest(name: "alchemy-llm", version: "0.1.2"))
        }
    }

    @Test func indexLinesKeepCargosFieldsAndTheOrderGiven() throws {
        try withRoot { root in
            let releases: [RegistryFixture.Release] = [
                .init(name: "alchemy-llm", version: "0.1.1"),
                .init(name: "alchemy-llm", version: "0.1.2",
                      files: ["CHANGELOG.md": "## [0.1.2]\n", ".cargo_vcs_info.json": CrateFixture.vcsInfo(commit: PackageFixture.fixCommit)],
                      yanked: true, pubtime: "2026-02-12T10:00:00Z", dependencies: ["serde": "1.0", "tokio": ">=1.30, <2"]),
                .init(name: "alchemy-llm", version: "0.2.0-rc.1"),
            ]
            let checksums = try RegistryFixture.write(releases, to: root, downloadBase: "http://127.0.0.1:1/crates")
            let indexBytes = try read("\(root)/index/al/ch/alchemy-llm")
            let entries = try IndexFile.parse(indexBytes, source: "alchemy-llm", crate: "alchemy-llm")
            #expect(entries.map(\.version.description) == ["0.1.1", "0.1.2", "0.2.0-rc.1"])
            #expect(entries.map(\.yanked) == [false, true, false])
            #expect(entries.map(\.publishedAt) == [nil, "2026-02-12T10:00:00Z", nil])
            #expect(entries.map(\.checksum) == ["0.1.1", "0.1.2", "0.2.0-rc.1"].map { checksums["alchemy-llm@\($0)"] })

            let lines = String(decoding: indexBytes, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == 3)
            let line = try #require(try JSONReader.parse(String(lines[1])).objectValue)
            #expect(line.keys == ["name", "vers", "deps", "cksum", "features", "yanked", "v", "pubtime"])
            let deps = try #require(line["deps"]?.arrayValue)
            #expect(deps.map { $0["name"]?.stringValue } == ["serde", "tokio"])
            #expect(deps.map { $0["req"]?.stringValue } == ["^1.0", ">=1.30, <2"])
            #expect(deps.first?.objectValue?.keys == ["name", "req", "features", "optional", "default_features", "target", "kind"])
            #expect(deps.first?["kind"]?.stringValue == "normal")
            #expect(deps.first?["target"]?.isNull == true)

            let crate = try read("\(root)/crates/alchemy-llm/alchemy-llm-0.1.2.crate")
            let package = try CrateArchive.read(crate, name: "alchemy-llm", version: "0.1.2", checksum: checksums["alchemy-llm@0.1.2"]!)
            #expect(package.changelog?.text == "## [0.1.2]\n")
            #expect(package.vcsInfo?.commit == PackageFixture.fixCommit)
            #expect(package.manifest.contains("[dependencies.tokio]\nversion = \">=1.30, <2\""))
            #expect(package.entryCount == 3, "Cargo.toml and the two files: a package with vcs info is its commit's files, no stub added")
        }
    }

    @Test func anInvalidCrateNameIsAnError() throws {
        try withRoot { root in
            #expect(throws: IndexPath.InvalidName.self) {
                try RegistryFixture.write([.init(name: "../evil", version: "1.0.0")], to: root, downloadBase: "file:///x")
            }
        }
    }
}
