import Support
import Checks
import DemoWorld
import Testing
import TestSupport
@testable import Cargo

/// Hostile and broken packages: each is refused with one line naming the package and the entry.
@Suite struct PackageHostileTests {
    typealias F = PackageFixture
    typealias Entry = CrateFixture.RawEntry

    @Test func aChecksumMismatchIsReportedBeforeAnythingIsRead() throws {
        // Not an archive at all: a parse error would mean the bytes were read before the check.
        let garbage = Array("this is not a tar.gz".utf8)
        let indexSays = SHA256Hex.of(Array("the real package".utf8))
        #expect(F.refusal(garbage, checksum: indexSays)
            == "alchemy-llm-0.1.2.crate: checksum mismatch: the index says \(indexSays), the download is \(SHA256Hex.of(garbage))")
        #expect(F.refusal(garbage).hasPrefix("alchemy-llm-0.1.2.crate: not a gzip-compressed tar archive ("))
    }

    @Test func aValidPackageWithAWrongChecksumIsRefused() throws {
        let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version)])
        var other = bytes
        other[other.count - 1] ^= 0xFF
        #expect(F.refusal(bytes, checksum: SHA256Hex.of(other)).contains(": checksum mismatch: the index says "))
        #expect(F.refusal(bytes, checksum: "not-a-checksum\nforged line")
            == "alchemy-llm-0.1.2.crate: checksum mismatch: the index says not-a-checksum\\u{a}forged line, the download is \(SHA256Hex.of(bytes))")
    }

    @Test(arguments: [
        ("/etc/passwd", "entry /etc/passwd is an absolute path"),
        ("../evil", "entry ../evil escapes the package root"),
        ("alchemy-llm-0.1.2/../../evil", "entry alchemy-llm-0.1.2/../../evil escapes the package root"),
        ("alchemy-llm-0.1.2/../evil", "entry alchemy-llm-0.1.2/../evil escapes the package root"),
        ("alchemy-llm-0.1.2/src/../lib.rs", "entry alchemy-llm-0.1.2/src/../lib.rs has a \"..\" component; packages use plain paths"),
        ("evil.rs", "entry evil.rs is outside the package root alchemy-llm-0.1.2/"),
        ("alchemy-llm-0.1.1/Cargo.toml", "entry alchemy-llm-0.1.1/Cargo.toml is outside the package root alchemy-llm-0.1.2/"),
        ("alchemy-llm-0.1.2-evil/x", "entry alchemy-llm-0.1.2-evil/x is outside the package root alchemy-llm-0.1.2/"),
        ("alchemy-llm-0.1.2", "entry alchemy-llm-0.1.2 is a file where the package folder belongs"),
        ("evil\nalchemy-llm-0.1.2.crate: fine", "entry evil\\u{a}alchemy-llm-0.1.2.crate: fine is outside the package root alchemy-llm-0.1.2/"),
    ])
    func hostilePathsAreRefused(path: String, message: String) throws {
        let bytes = try F.raw([F.manifestEntry, .file(path, "x")])
        #expect(F.refusal(bytes) == "alchemy-llm-0.1.2.crate: \(message)")
    }

    @Test func linksAreRefused() throws {
        let symlink = try F.raw([F.manifestEntry, Entry(path: "\(F.root)/link", kind: .symlink(target: "/etc/passwd"))])
        #expect(F.refusal(symlink)
            == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/link is a symbolic link; packages hold regular files only")

        let hardlink = try F.raw([F.manifestEntry, Entry(path: "\(F.root)/CHANGELOG.md", kind: .hardlink(target: "/etc/shadow"))])
        #expect(F.refusal(hardlink)
            == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/CHANGELOG.md is a hard link to /etc/shadow; packages hold regular files only")
    }

    @Test func aSecondEntryWithTheSamePathIsRefused() throws {
        let bytes = try F.raw([F.manifestEntry, .file("\(F.root)/Cargo.toml", "[package]\nname = \"other\"\n")])
        #expect(F.refusal(bytes) == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/Cargo.toml appears twice")

        let spelledTwoWays = try F.raw([F.manifestEntry, .file("\(F.root)//Cargo.toml", "[package]\n")])
        #expect(F.refusal(spelledTwoWays) == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2//Cargo.toml appears twice")

        // One name in two Unicode normal forms (precomposed é, then e + combining accent): the
        // same file on most systems, so which bytes were compared with the source is ambiguous.
        let composed = try F.raw([F.manifestEntry, .file("\(F.root)/src/caf\u{E9}.rs", "a\n"), .file("\(F.root)/src/cafe\u{301}.rs", "b\n")])
        #expect(F.refusal(composed) == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/src/cafe\u{301}.rs appears twice")
    }

    @Test func aDecompressionBombIsRefusedFromItsHeader() throws {
        // 200 MB of zeros: about 200 KB compressed, streamed out by libarchive, never in memory.
        let bomb = try F.raw([F.manifestEntry, Entry(path: "\(F.root)/zeros", kind: .regular(""), size: 200_000_000)])
        #expect(bomb.count < 1 << 20, "compressed to \(bomb.count) bytes")
        let clock = ContinuousClock()
        var text = ""
        let elapsed = clock.measure { text = F.refusal(bomb) }
        #expect(text == "alchemy-llm-0.1.2.crate: uncompressed size passes the 100 MiB limit at entry alchemy-llm-0.1.2/zeros")
        #expect(elapsed < .seconds(1), "refused without decompressing 200 MB (took \(elapsed))")
    }

    @Test func theUncompressedStreamCountsHeadersToo() throws {
        // Empty files declare no data, but each costs a 512-byte header to decompress.
        var entries = [F.manifestEntry]
        entries += (0..<400).map { Entry.file("\(F.root)/empty/\($0)", "") }
        var limits = PackageLimits()
        limits.maxUncompressedBytes = 64 << 10
        let text = F.refusal(try F.raw(entries), limits: limits)
        #expect(text.hasPrefix("alchemy-llm-0.1.2.crate: uncompressed size passes the 64 KiB limit at entry alchemy-llm-0.1.2/empty/"), "got \(text)")
    }

    @Test func aHugeChangelogIsRefused() throws {
        let huge = String(repeating: "- a line of release notes\n", count: 200_000)  // 5.2 MB
        let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version), "CHANGELOG.md": huge])
        #expect(F.refusal(bytes)
            == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/CHANGELOG.md is \(huge.utf8.count) bytes, over the 4 MiB limit for files gatekeeper reads")
    }

    @Test func moreEntriesThanTheLimitAreRefused() throws {
        var entries = [F.manifestEntry]
        entries += (0..<10_000).map { Entry.file("\(F.root)/src/m\($0).rs", "") }
        let bytes = try F.raw(entries)
        #expect(F.refusal(bytes) == "alchemy-llm-0.1.2.crate: more than 10000 entries")

        var limits = PackageLimits()
        limits.maxEntries = 10_001
        #expect(try F.read(bytes, limits: limits).entryCount == 10_001)
    }

    @Test func aDownloadOverTheCompressedLimitIsRefused() throws {
        let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version)])
        var limits = PackageLimits()
        limits.maxCompressedBytes = 100
        #expect(F.refusal(bytes, limits: limits) == "alchemy-llm-0.1.2.crate: the download is \(bytes.count) bytes, over the 100 bytes limit")
    }

    @Test func truncatedGzipIsRefusedNamingTheEntry() throws {
        // Incompressible content, so the cut lands inside that file's data.
        var generator = SeededRandom(seed: 7)
        let noise = String((0..<300_000).map { _ in Character(UnicodeScalar(UInt8(0x21 + generator.next() % 90))) })
        let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version), "src/noise.rs": noise])
        let cut = Array(bytes.prefix(bytes.count / 2))
        let text = F.refusal(cut)
        #expect(text.hasPrefix("alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/src/noise.rs cannot be read ("), "got \(text)")

        let header = Array(bytes.prefix(20))
        #expect(F.refusal(header).hasPrefix("alchemy-llm-0.1.2.crate: damaged archive at its first entry ("))
    }

    @Test func inputThatIsNotGzipIsRefused() throws {
        #expect(F.refusal(Array("<html>rate limited</html>".utf8))
            == "alchemy-llm-0.1.2.crate: not a gzip-compressed tar archive (Unrecognized archive format)")
        let plain = PackageTar.file(path: "\(F.root)/Cargo.toml", text: CrateFixture.manifest(name: F.name, version: F.version))
        #expect(F.refusal(plain) == "alchemy-llm-0.1.2.crate: not a gzip-compressed tar archive (a plain tar without gzip)")
    }

    @Test func aPackageGzippedTwiceIsRefused() throws {
        let twice = try CrateFixture.gzip(try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version)]))
        #expect(F.refusal(twice) == "alchemy-llm-0.1.2.crate: not a gzip-compressed tar archive (more than one compression layer)")
    }

    @Test func hugeDeclaredSizesAreRefusedWithoutOverflow() throws {
        let manifest = Array(CrateFixture.manifest(name: F.name, version: F.version).utf8)
        // The second size overflows a naive sum with the manifest's size.
        for size in [Int64(1) << 62, Int64.max - 1024] {
            let tar = PackageTar.archive([
                .init(path: "\(F.root)/Cargo.toml", size: Int64(manifest.count), data: manifest),
                .init(path: "\(F.root)/zeros", size: size),
            ], end: false)
            let text = F.refusal(try CrateFixture.gzip(tar))
            #expect(text == "alchemy-llm-0.1.2.crate: uncompressed size passes the 100 MiB limit at entry alchemy-llm-0.1.2/zeros",
                    "size \(size): \(text)")
        }
        let largest = PackageTar.archive([
            .init(path: "\(F.root)/Cargo.toml", size: Int64(manifest.count), data: manifest),
            .init(path: "\(F.root)/zeros", size: Int64.max),
        ], end: false)
        #expect(F.refusal(try CrateFixture.gzip(largest))
            == "alchemy-llm-0.1.2.crate: damaged archive after entry alchemy-llm-0.1.2/Cargo.toml (Tar entry size overflow)")
    }

    @Test(arguments: [("3", "a character device"), ("4", "a block device"), ("6", "a named pipe")])
    func specialFilesAreRefused(typeflag: String, kind: String) throws {
        let tar = PackageTar.archive([
            .init(path: "\(F.root)/Cargo.toml", size: 0),
            .init(path: "\(F.root)/dev", typeflag: typeflag.utf8.first!, size: 0),
        ], end: true)
        #expect(F.refusal(try CrateFixture.gzip(tar))
            == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/dev is \(kind); packages hold regular files only")
    }

    @Test func handMadeTarThroughGzipReads() throws {
        // The hand-made headers are sound: the same archive with ordinary entries is accepted.
        let manifest = Array(CrateFixture.manifest(name: F.name, version: F.version).utf8)
        let tar = PackageTar.archive([.init(path: "\(F.root)/Cargo.toml", size: Int64(manifest.count), data: manifest)], end: true)
        #expect(try F.read(try CrateFixture.gzip(tar)).manifest == String(decoding: manifest, as: UTF8.self))
    }

    @Test func textThatIsNotUTF8() throws {
        let latin1: [UInt8] = Array("[package]\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        let manifest = PackageTar.archive([.init(path: "\(F.root)/Cargo.toml", size: Int64(latin1.count), data: latin1)], end: true)
        #expect(F.refusal(try CrateFixture.gzip(manifest)) == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/Cargo.toml is not UTF-8 text")

        // A changelog is searched, not parsed: one bad byte must not hide the rest.
        let notes: [UInt8] = Array("## [0.1.2]\n- caf".utf8) + [0xE9] + Array("\n- provider raw tokens\n".utf8)
        let withNotes = PackageTar.archive([
            .init(path: "\(F.root)/CHANGELOG.md", size: Int64(notes.count), data: notes),
            .init(path: "\(F.root)/Cargo.toml", size: 10, data: Array("[package]\n".utf8)),
        ], end: true)
        let package = try F.read(try CrateFixture.gzip(withNotes))
        #expect(package.changelog?.text == "## [0.1.2]\n- caf\u{FFFD}\n- provider raw tokens\n")

        let badName = PackageTar.archive([
            .init(path: "\(F.root)/Cargo.toml", size: 0),
            .init(pathBytes: Array("\(F.root)/caf".utf8) + [0xE9, 0x0A], size: 0),
        ], end: true)
        #expect(F.refusal(try CrateFixture.gzip(badName))
            == "alchemy-llm-0.1.2.crate: entry alchemy-llm-0.1.2/caf\u{FFFD}\\u{a} has a name that is not UTF-8")
    }

    @Test func emptyInputIsRefused() throws {
        #expect(F.refusal([]) == "alchemy-llm-0.1.2.crate: the download is empty")
        let expected = SHA256Hex.of(Array("x".utf8))
        #expect(F.refusal([], checksum: expected)
            == "alchemy-llm-0.1.2.crate: checksum mismatch: the index says \(expected), the download is \(SHA256Hex.of([]))")
    }

    @Test func anEmptyArchiveHasNoCargoToml() throws {
        #expect(F.refusal(try F.raw([])) == "alchemy-llm-0.1.2.crate: no Cargo.toml at alchemy-llm-0.1.2/Cargo.toml")
    }

    /// Damaged variants of a real package, each with its own checksum so they all reach the
    /// reader: every one must end in a PackageError or a package, never a trap.
    @Test func damagedPackagesNeverTrap() throws {
        let bytes = try F.crate([
            "Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version),
            "CHANGELOG.md": F.changelog,
            ".cargo_vcs_info.json": CrateFixture.vcsInfo(commit: F.fixCommit),
            "src/lib.rs": "pub fn usage() {}\n",
        ])
        var generator = SeededRandom(seed: 42)
        var refused = 0
        for round in 0..<400 {
            var damaged = bytes
            switch round % 4 {
            case 0: damaged.removeLast(Int(generator.next() % UInt64(damaged.count)))
            case 1:
                for _ in 0..<(1 + generator.next() % 8) {
                    damaged[Int(generator.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            case 2: damaged = (0..<Int(generator.next() % 2048)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            default: damaged.insert(contentsOf: [0x1F, 0x8B, 0x08, 0x00], at: Int(generator.next() % UInt64(damaged.count)))
            }
            do {
                _ = try F.read(damaged)
            } catch is PackageError {
                refused += 1
            }
        }
        #expect(refused > 300, "\(refused) of 400 refused")
    }
}
