import Support
import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage
@testable import Cargo

/// A package the registry serves with a checksum that matches (so gatekeeper reads it) and
/// content that attacks the reader.
struct HostilePackage: CustomTestStringConvertible, Sendable {
    let name: String
    /// The refusal after "alchemy-llm-0.1.2.crate: ".
    let message: String
    let entries: @Sendable () -> [CrateFixture.RawEntry]
    var testDescription: String { name }

    static let root = "alchemy-llm-0.1.2"
    /// Where an escaping entry would land if the reader followed it.
    static let escapeTarget = "/tmp/gatekeeper-hostile-escape"
    static var manifest: CrateFixture.RawEntry {
        .file("\(root)/Cargo.toml", CrateFixture.manifest(name: "alchemy-llm", version: "0.1.2"))
    }
}

let hostilePackages: [HostilePackage] = [
    HostilePackage(name: "absolute path entry", message: "entry \(HostilePackage.escapeTarget) is an absolute path") {
        [HostilePackage.manifest, .file(HostilePackage.escapeTarget, "pwned\n")]
    },
    HostilePackage(name: "entry escaping with ..", message: "entry \(HostilePackage.root)/../../gatekeeper-hostile-escape escapes the package root") {
        [HostilePackage.manifest, .file("\(HostilePackage.root)/../../gatekeeper-hostile-escape", "pwned\n")]
    },
    HostilePackage(name: "symbolic link to /etc/passwd", message: "entry \(HostilePackage.root)/CHANGELOG.md is a symbolic link; packages hold regular files only") {
        [HostilePackage.manifest, .init(path: "\(HostilePackage.root)/CHANGELOG.md", kind: .symlink(target: "/etc/passwd"))]
    },
    HostilePackage(name: "hard link to /etc/shadow", message: "entry \(HostilePackage.root)/CHANGELOG.md is a hard link to /etc/shadow; packages hold regular files only") {
        [HostilePackage.manifest, .init(path: "\(HostilePackage.root)/CHANGELOG.md", kind: .hardlink(target: "/etc/shadow"))]
    },
    HostilePackage(name: "decompression bomb (200 MB of zeros)", message: "uncompressed size passes the 100 MiB limit at entry \(HostilePackage.root)/zeros") {
        [HostilePackage.manifest, .init(path: "\(HostilePackage.root)/zeros", kind: .regular(""), size: 200_000_000)]
    },
    HostilePackage(name: "5 MB changelog", message: "entry \(HostilePackage.root)/CHANGELOG.md is 5200000 bytes, over the 4 MiB limit for files gatekeeper reads") {
        [HostilePackage.manifest, .file("\(HostilePackage.root)/CHANGELOG.md", String(repeating: "- a line of release notes\n", count: 200_000))]
    },
    HostilePackage(name: "10,001 entries", message: "more than 10000 entries") {
        [HostilePackage.manifest] + (0..<10_000).map { .file("\(HostilePackage.root)/src/m\($0).rs", "") }
    },
]

extension CheckWorld {
    /// Every file under the test's folder but the cache, by content: what "nothing written
    /// outside the cache" is measured against.
    func filesOutsideTheCache() throws -> [String: Data] {
        try FileTree.contents(of: dir.url.path, skipping: ["cache"])
    }

    /// Serves `bytes` as 0.1.2's package with an index line that vouches for them; returns the undo.
    func publishAs012(_ bytes: [UInt8]) throws -> @Sendable () throws -> Void {
        let old = try #require(scenario.checksums["alchemy-llm@0.1.2"])
        let undoCrate = try edit(scenario.registry + "/crates/alchemy-llm/alchemy-llm-0.1.2.crate") { _ in Data(bytes) }
        let undoIndex = try edit(scenario.registry + indexPath) {
            Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: old, with: SHA256Hex.of(bytes)).utf8)
        }
        return { try undoCrate(); try undoIndex() }
    }
}

@Suite struct HostilePackageReliabilityTests {
    @Test(arguments: hostilePackages)
    func aHostilePackageIsRefusedAndNothingIsWrittenOutsideTheCache(_ package: HostilePackage) throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        try? FileManager.default.removeItem(atPath: HostilePackage.escapeTarget)
        let undo = try world.publishAs012(try CrateFixture.makeRaw(package.entries()))
        let before = try world.filesOutsideTheCache()

        let r = try world.check()
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "gatekeeper: error: alchemy-llm-0.1.2.crate: \(package.message)\n")
        let wronglyOpened = r.status == 0 || r.stdout.contains("OPEN")
        let outside = try world.filesOutsideTheCache()
        let escaped = FileManager.default.fileExists(atPath: HostilePackage.escapeTarget)
            || FileManager.default.fileExists(atPath: world.dir.url.deletingLastPathComponent().path + "/gatekeeper-hostile-escape")
        #expect(outside == before, "nothing written outside the cache")
        #expect(!escaped)

        // The real package back: the same cache gives the right answer.
        try undo()
        let again = try world.check()
        let recovered = again.status == 0 && again.lines.first == CheckWorld.openLine
        #expect(recovered, "\(again.stdout)\(again.stderr)")
        ReliabilityLog.record("check: hostile package (checksum valid)", package.name, "refused",
                              dataLost: !recovered || outside != before || escaped, gateWronglyOpened: wronglyOpened)
    }
}
