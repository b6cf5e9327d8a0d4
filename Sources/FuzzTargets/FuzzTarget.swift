import Checks
import Runbook
import Usage
import Support
import TOML
import Cargo

/// The parsers that read untrusted input. Errors are the expected outcome of garbage, so they
/// are swallowed; only traps, sanitizer reports and hangs reach libFuzzer. "alchemy-llm" is
/// the crate the fixtures, and so the seeds, name. Fuzz/ drives these under libFuzzer; the
/// tests replay the committed corpus and every crash input through the same calls.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case index, changelog, manifest, capture, usage, package, config, redaction, depth, printable

    public func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .index:
            _ = try? IndexFile.parse(Array(bytes), source: "fuzz", crate: "alchemy-llm")
        case .changelog:
            // Also walk the range filter the check runs on the parsed sections.
            // and the claims' polarity on every unit, as the criteria see them.
            if let document = try? Changelog.parse(text(bytes), file: "CHANGELOG.md", crate: "alchemy-llm") {
                let units = EvidenceSources.changelog(document, after: SemVer(major: 0, minor: 1, patch: 0),
                                                      upTo: SemVer(major: 2, minor: 0, patch: 0), path: "CHANGELOG.md", origin: "fuzz")
                _ = try? CriteriaEvaluator.evaluate(CriteriaPresets.usageSemantics, evidence: units)
            }
            _ = try? CriteriaEvaluator.evaluate(CriteriaPresets.usageSemantics,
                                                evidence: EvidenceSources.commits([.init(id: "0000000", message: text(bytes))], range: "fuzz"))
        case .manifest:
            let manifest = text(bytes)
            if let table = try? TOMLReader.parse(manifest) {
                _ = try? ManifestDependencies.find("alchemy-llm", in: table, file: "Cargo.toml")
            }
            // The editor re-parses and verifies its own output: an up- and a down-bump.
            _ = try? ManifestEditor.bump(manifest, file: "Cargo.toml", dependency: "alchemy-llm",
                                         to: SemVer(major: 1, minor: 2, patch: 3))
            _ = try? ManifestEditor.bump(manifest, file: "Cargo.toml", dependency: "alchemy-llm",
                                         to: SemVer(major: 0, minor: 0, patch: 1, preRelease: ["rc", "1"]))
        case .capture:
            _ = try? CaptureReader.parse(bytes, file: "capture.json")
        case .package:
            // The checksum the index would carry, so the archive is read; small limits keep
            // each run fast and put the limit checks themselves in reach.
            let data = Array(bytes)
            var limits = PackageLimits()
            limits.maxUncompressedBytes = 1 << 20
            limits.maxEntries = 200
            _ = try? CrateArchive.read(data, name: "alchemy-llm", version: "0.1.2", checksum: SHA256Hex.of(data), limits: limits)
        case .config:
            // gatekeeper.toml: TOML, then every table, key, pattern and URL check.
            _ = try? GatekeeperConfig.parse(text(bytes), file: "gatekeeper.toml")
        case .redaction:
            // Every console line and error goes through it; it must never trap on odd text.
            let line = text(bytes)
            _ = SecretRedactor(environment: ["GITHUB_TOKEN": "ghp_fuzz0123", "API_KEY": "k\u{e9}y-%41&amp;"]).redact(line)
            _ = URLCredentials.present(in: line)
        case .usage:
            guard let value = try? JSONReader.parse(bytes) else { return }
            _ = UsageContract.check(value)
            _ = try? UsageContract.decode(value)
            _ = try? ProviderUsage.normalize(value)
        case .printable:
            // The one sanitiser: every form (console line, prose, Markdown cell, code span, link)
            // keeps its promise (one line, no control character, nothing that opens a table,
            // heading or comment) on any text; a broken promise traps, which libFuzzer reports.
            Markdown.verifyForms(text(bytes))
        case .depth:
            // The depth limits themselves: the input becomes nesting up to thousands of levels deep.
            let deep = DeepInput(bytes)
            let toml = deep.toml
            if let table = try? TOMLReader.parse(toml) {
                // What walks the tree afterwards recurses as deep as the tree.
                _ = table == table
                _ = try? ManifestDependencies.index(table, file: "Cargo.toml")
            }
            _ = try? GatekeeperConfig.parse(toml, file: "gatekeeper.toml")
            _ = try? ManifestEditor.bump(toml, file: "Cargo.toml", dependency: "alchemy-llm", to: SemVer(major: 0, minor: 1, patch: 2))
            let json = deep.json
            if let value = try? JSONReader.parse(json) {
                _ = JSONWriter.string(value)
                _ = value == value
                _ = UsageContract.check(value)
            }
            _ = try? IndexFile.parse(Array(json.utf8), source: "fuzz", crate: "alchemy-llm")
            _ = try? CaptureReader.parse(#"{"events":[{"type":"message_end","message":"# + json + "}]}", file: "capture.json")
            _ = try? Changelog.parse(deep.changelog, file: "CHANGELOG.md", crate: "alchemy-llm")
        }
    }

    /// Text APIs get invalid UTF-8 repaired, as they would from a file read with String(decoding:).
    private func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension FuzzTarget {
    public func run(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { run($0) }
    }
}

/// Nesting made from fuzz input, for the `depth` target. Byte 0 and 1 give the number of levels
/// (up to 8,191, or up to 703 in steps that land near the limits, 128 and 256, when byte 0's top
/// bit is set); byte 2 where the nesting starts (low three bits) and whether it is closed (bit 3)
/// or has a line break after each opener (bit 4); every further byte picks the kind of one level
/// (arrays, inline tables or objects, arrays of them, dotted keys, mixed arrays), cycled.
struct DeepInput {
    let levels: Int
    let start: Int
    let closed: Bool
    let broken: Bool
    let kinds: [Int]

    init(_ bytes: UnsafeRawBufferPointer) {
        let b = Array(bytes)
        let b0 = Int(b.count > 0 ? b[0] : 0), b1 = Int(b.count > 1 ? b[1] : 0), b2 = Int(b.count > 2 ? b[2] : 0)
        levels = b0 & 0x80 != 0 ? (b0 & 0x07) * 64 + b1 : (b0 & 0x1F) << 8 | b1
        start = b2 & 0x07
        closed = b2 & 0x08 == 0
        broken = b2 & 0x10 != 0
        kinds = b.count > 3 ? b[3...].map { Int($0) } : [0]
    }

    static let tomlLevels: [(open: String, close: String)] = [
        ("[", "]"), ("{a=", "}"), ("[{b=", "}]"), (#"["x","#, "]"), ("{c.d=", "}"), ("[1,{e=", "}]"), ("[ ", " ]"), ("{ f = ", " }"),
    ]
    static let jsonLevels: [(open: String, close: String)] = [
        ("[", "]"), (#"{"a":"#, "}"), (#"[{"b":"#, "}]"), (#"["x","#, "]"), (#"{"c":{"d":"#, "}}"), (#"[1,{"e":"#, "}]"), ("[ ", " ]"), (#"{ "f" : "#, " }"),
    ]
    static let tomlStarts = ["y = ", "[package.metadata.x]\ny = ", "a.b.c = ", "[[t]]\n[t.u]\nv = ", "[http]\ncontact = ",
                             "[" + Array(repeating: "k", count: 126).joined(separator: ".") + "]\nk = ", "[dependencies]\nalchemy-llm = ", "x.y = "]
    static let jsonStarts: [(String, String)] = [
        ("", ""), (#"{"name":"alchemy-llm","vers":"0.1.3","deps":"#, "}"), (#"{"a":"#, "}"), ("[", "]"),
        (#"{"usage":"#, "}"), (#"{"git":{"sha1":"#, "}}"), ("[[[[", "]]]]"), (#"{"x":1,"y":"#, "}"),
    ]

    private func nest(_ table: [(open: String, close: String)], start: String, end: String, core: String) -> String {
        var open = start, close = ""
        var closers: [String] = []
        for k in 0..<levels {
            let level = table[kinds[k % kinds.count] % table.count]
            open += level.open
            if broken { open += "\n" }
            closers.append(level.close)
        }
        if closed { close = closers.reversed().joined() + end }
        return open + core + close
    }

    var toml: String {
        nest(Self.tomlLevels, start: Self.tomlStarts[start], end: "\n", core: #""0.1.1""#)
    }

    var json: String {
        let (head, tail) = Self.jsonStarts[start]
        return nest(Self.jsonLevels, start: head, end: tail, core: "1")
    }

    /// Markdown nests on one line (quotes, bullets), so a long line stands for a deep document.
    var changelog: String {
        let marks = ["> ", "- ", "* ", "1. ", "  ", ">", "#", "`"]
        let line = (0..<levels).map { marks[kinds[$0 % kinds.count] % marks.count] }.joined()
        return "# Changelog\n\n## [0.1.2]\n\n" + line + "fixed total_tokens\n\n## [0.1.1]\n"
    }
}
