import Support
import Checks
import DemoWorld
import Testing
@testable import Cargo

/// Shared helpers for the package tests: fixture crates named like the real one.
enum PackageFixture {
    static let name = "alchemy-llm"
    static let version = "0.1.2"
    static let root = "alchemy-llm-0.1.2"
    static let fixCommit = "4409a508150c7628e3b82e3103a7f7dd7f8ccb87"

    static let changelog = """
        # Changelog

        ## [0.1.2] - 2026-02-12

        ### Fixed
        - Usage semantics aligned with provider raw tokens.

        """

    static func crate(_ files: [String: String]) throws -> [UInt8] {
        try CrateFixture.make(name: name, version: version, files: files)
    }

    /// Reads `bytes` as the index would describe them: with their true checksum.
    static func read(_ bytes: [UInt8], limits: PackageLimits = .init()) throws -> CratePackage {
        try CrateArchive.read(bytes, name: name, version: version, checksum: SHA256Hex.of(bytes), limits: limits)
    }

    /// The whole one-line message a refused package gives (fails the test if none).
    static func refusal(_ bytes: [UInt8], checksum: String? = nil, limits: PackageLimits = .init(),
                        sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try CrateArchive.read(bytes, name: name, version: version, checksum: checksum ?? SHA256Hex.of(bytes), limits: limits)
            Issue.record("the package was accepted", sourceLocation: sourceLocation)
            return ""
        } catch let error as PackageError {
            #expect(error.package == "alchemy-llm-0.1.2.crate", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), "one line", sourceLocation: sourceLocation)
            return error.description
        } catch {
            Issue.record("expected a PackageError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
            return ""
        }
    }

    static func raw(_ entries: [CrateFixture.RawEntry]) throws -> [UInt8] {
        try CrateFixture.makeRaw(entries)
    }

    static var manifestEntry: CrateFixture.RawEntry {
        .file("\(root)/Cargo.toml", CrateFixture.manifest(name: name, version: version))
    }
}

/// Uncompressed ustar archives written by hand, for headers libarchive's writer would never
/// produce (huge sizes, devices); `CrateFixture.gzip` wraps them like a real package.
enum PackageTar {
    struct Header {
        var path: [UInt8]
        var typeflag: UInt8
        /// The declared size; may exceed `data`, which is all that follows the header.
        var size: Int64
        var data: [UInt8]

        init(path: String, typeflag: UInt8 = UInt8(ascii: "0"), size: Int64, data: [UInt8] = []) {
            self.init(pathBytes: Array(path.utf8), typeflag: typeflag, size: size, data: data)
        }

        init(pathBytes: [UInt8], typeflag: UInt8 = UInt8(ascii: "0"), size: Int64, data: [UInt8] = []) {
            self.path = pathBytes
            self.typeflag = typeflag
            self.size = size
            self.data = data
        }
    }

    static func file(path: String, text: String) -> [UInt8] {
        archive([Header(path: path, size: Int64(text.utf8.count), data: Array(text.utf8))], end: true)
    }

    static func archive(_ headers: [Header], end: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for h in headers {
            out += header(h)
            out += h.data
            out += [UInt8](repeating: 0, count: (512 - h.data.count % 512) % 512)
        }
        if end { out += [UInt8](repeating: 0, count: 1024) }
        return out
    }

    private static func header(_ h: Header) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ string: String, at offset: Int) {
            for (i, byte) in string.utf8.enumerated() { header[offset + i] = byte }
        }
        func octal(_ n: Int64, width: Int) -> String {
            let digits = String(n, radix: 8)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        for (i, byte) in h.path.prefix(100).enumerated() { header[i] = byte }
        put("0000644\0", at: 100)
        put("0000000\0", at: 108)
        put("0000000\0", at: 116)
        if h.size < 1 << 33 {
            put(octal(h.size, width: 11) + "\0", at: 124)
        } else {
            // Base-256, as GNU tar writes sizes of 8 GiB and more.
            header[124] = 0x80
            for i in 0..<8 { header[135 - i] = UInt8(truncatingIfNeeded: h.size >> (8 * Int64(i))) }
        }
        put("10600000000\0", at: 136)
        put("        ", at: 148)
        header[156] = h.typeflag
        put("ustar\0", at: 257)
        put("00", at: 263)
        let sum = header.reduce(0) { $0 + Int64($1) }
        put(octal(sum, width: 6) + "\0 ", at: 148)
        return header
    }
}
