import Checks
import Foundation

/// The product's story, built on the spot: an upstream repository with the usage fix, a
/// registry publishing `alchemy-llm` releases, and a target repository shaped like the seed's
/// project (two manifests pinned at 0.1.1, PLAN.md with markers, gatekeeper.toml). Tests, the
/// demo and the benchmarks all build their worlds here.
public struct UsageFixScenario {
    public enum Variant: String, Sendable, CaseIterable {
        /// Only 0.1.0 and 0.1.1 are published.
        case noNewRelease
        /// 0.1.2's packaged CHANGELOG.md lists all four fixes.
        case changelogConfirmsAll
        /// The real story: 0.1.2's changelog is one terse line (upstream, added after the
        /// release); the fix commit's message confirms the rest.
        case terseChangelogCommitsConfirm
        /// 0.1.2 claims everything in its changelog but was built from a commit before the fix.
        case builtBeforeFix
        /// 0.1.2 is published and yanked.
        case onlyYanked
    }

    public let root: String
    public let registry: String
    public let upstream: String
    public let target: String
    public let indexURL: String
    public let story: (release011: GitObjectID, fix: GitObjectID, release012: GitObjectID, changelog: GitObjectID)
    public let checksums: [String: String]

    public static let crate = "alchemy-llm"
    public static let manifests = ["Cargo.toml", "bindings/alchemy_llm_py/Cargo.toml"]

    /// `registryURL`: the base URL of a server that serves `<root>/registry`; nil for file://.
    public static func make(at root: String, variant: Variant, registryURL: String? = nil) throws -> UsageFixScenario {
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        let registry = (root as NSString).appendingPathComponent("registry")
        let upstream = (root as NSString).appendingPathComponent("upstream")
        let target = (root as NSString).appendingPathComponent("target")
        let story = try GitFixture.usageFixStory(at: upstream)
        let base = registryURL ?? "file://\(registry)"
        let checksums = try RegistryFixture.write(releases(variant, story: story), to: registry, downloadBase: "\(base)/crates")
        let indexURL = "\(base)/index/"
        try TargetRepository.write(at: target, indexURL: indexURL, upstream: upstream, fixCommit: story.fix.hex)
        return UsageFixScenario(root: root, registry: registry, upstream: upstream, target: target, indexURL: indexURL,
                                story: story, checksums: checksums)
    }

    static func releases(_ variant: Variant, story: (release011: GitObjectID, fix: GitObjectID, release012: GitObjectID, changelog: GitObjectID)) -> [RegistryFixture.Release] {
        func release(_ version: String, commit: GitObjectID?, changelog: String? = nil, yanked: Bool = false) -> RegistryFixture.Release {
            var files = ["src/lib.rs": "//! alchemy-llm \(version)\npub fn version() -> &'static str { \"\(version)\" }\n"]
            if let commit { files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: commit.hex) }
            if let changelog { files["CHANGELOG.md"] = changelog }
            return RegistryFixture.Release(name: crate, version: version, files: files, yanked: yanked,
                                           pubtime: "2026-02-12T10:00:00Z")
        }
        let old = [release("0.1.0", commit: nil), release("0.1.1", commit: story.release011)]
        switch variant {
        case .noNewRelease:
            return old
        case .changelogConfirmsAll:
            return old + [release("0.1.2", commit: story.release012, changelog: ChangelogTexts.complete)]
        case .terseChangelogCommitsConfirm:
            return old + [release("0.1.2", commit: story.release012)]
        case .builtBeforeFix:
            return old + [release("0.1.2", commit: story.release011, changelog: ChangelogTexts.complete)]
        case .onlyYanked:
            return old + [release("0.1.2", commit: story.release012, changelog: ChangelogTexts.complete, yanked: true)]
        }
    }
}

enum ChangelogTexts {
    /// A maintainer who wrote everything down.
    static let complete = """
        # Changelog

        ## [0.1.2] - 2026-02-12

        ### Fixed
        - `openai`: usage is provider-raw: `input` = `prompt_tokens`, `output` = `completion_tokens`
        - Prefer the provider's `total_tokens` when present
        - Parse `cache_read_input_tokens` / `cache_creation_input_tokens` (then `prompt_tokens_details`)
        - Silent overflow check uses `input` only (no `+ cache_read`)

        ## [0.1.1] - 2026-02-12
        - Initial crates.io release
        """
}
