import Checks
import Runbook
import Usage

/// The parsers that read untrusted input. Errors are the expected outcome of garbage, so they
/// are swallowed; only traps, sanitizer reports and hangs reach libFuzzer. "alchemy-llm" is
/// the crate the fixtures, and so the seeds, name. Fuzz/ drives these under libFuzzer; the
/// tests replay the committed corpus and every crash input through the same calls.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case index, changelog, manifest, capture, usage, package, config, redaction

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
