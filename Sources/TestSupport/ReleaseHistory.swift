import Checks
import Foundation
import Git
import DemoWorld

/// An upstream repository and a registry built release by release, the way real crates are
/// published: every package is what `cargo package` makes from its release commit (that
/// commit's files, `Cargo.toml.orig`, a normalised `Cargo.toml`, `.cargo_vcs_info.json`).
/// Histories can branch, merge (also `-s ours`), revert and forget changelog sections.
public final class ReleaseHistory {
    public let root: String
    public let upstreamPath: String
    public let upstream: GitRepository
    /// The files of main's head, as the next commit starts from.
    public private(set) var files: [String: String] = [:]
    public private(set) var releases: [RegistryFixture.Release] = []
    private var step = 0

    public static let crate = UsageFixScenario.crate

    public init(at root: String) throws {
        self.root = root
        upstreamPath = (root as NSString).appendingPathComponent("upstream")
        upstream = try GitRepository.initialize(at: upstreamPath, bare: false, initialBranch: "main")
    }

    private func author() -> GitSignature {
        defer { step += 1 }
        return GitFixture.author(step: step)
    }

    /// A commit on main; nil text deletes a file.
    @discardableResult
    public func commit(_ changes: [String: String?], _ message: String) throws -> GitObjectID {
        let id = try upstream.commitFiles(changes, message: message, author: author(), parent: nil)
        apply(changes)
        return id
    }

    private func apply(_ changes: [String: String?]) {
        for (path, text) in changes {
            if let text { files[path] = text } else { files.removeValue(forKey: path) }
        }
    }

    /// Commits on a side branch from main's head (main does not move); returns their ids.
    public func sideBranch(_ name: String, _ steps: [(changes: [String: String?], message: String)]) throws -> [GitObjectID] {
        var parent = try upstream.resolve("HEAD")
        var ids: [GitObjectID] = []
        for s in steps {
            parent = try upstream.commitFiles(s.changes, message: s.message, author: author(), parent: parent, updating: "refs/heads/\(name)")
            ids.append(parent)
        }
        return ids
    }

    /// `git merge -s ours <branch>`: main records the merge and keeps its own tree.
    @discardableResult
    public func mergeKeepingOurs(_ branchHead: GitObjectID, _ message: String) throws -> GitObjectID {
        try upstream.commitMergeKeepingTree(of: branchHead, message: message, author: author())
    }

    /// A real merge: main takes `changes` (the side branch's work) with both parents.
    @discardableResult
    public func merge(_ branchHead: GitObjectID, taking changes: [String: String?], _ message: String) throws -> GitObjectID {
        let id = try upstream.commitFiles(changes, message: message, author: author(), parent: nil, mergeParents: [branchHead])
        apply(changes)
        return id
    }

    /// Bumps Cargo.toml to `version` (with `changes` in the same commit), tags it and publishes
    /// the package cargo would make from that commit.
    @discardableResult
    public func release(_ version: String, changes: [String: String?] = [:], message: String? = nil, yanked: Bool = false,
                        tamper: (inout [String: String]) -> Void = { _ in }) throws -> GitObjectID {
        var all = changes
        all["Cargo.toml"] = GitFixture.Story.cargoToml(version: version)
        let id = try commit(all, message ?? "chore(release): v\(version)\n")
        try upstream.createTag("v\(version)", at: id)
        publish(version, from: id, yanked: yanked, tamper: tamper)
        return id
    }

    /// Publishes `version` from `commit`, whose files are main's current ones (those under
    /// `folder` for a crate inside a workspace). `tamper` changes the package after cargo made
    /// it: what a careless or hostile publisher ships.
    public func publish(_ version: String, from commit: GitObjectID, yanked: Bool = false, folder: String = "",
                        dependencies: [String: String] = CargoPackageFiles.storyDependencies,
                        tamper: (inout [String: String]) -> Void = { _ in }) {
        var package = CargoPackageFiles.files(tree: files, commit: commit, folder: folder)
        tamper(&package)
        releases.append(RegistryFixture.Release(name: Self.crate, version: version, files: package, yanked: yanked,
                                                pubtime: "2026-02-12T10:00:00Z", dependencies: dependencies))
    }

    /// The registry (served by `registryURL`, else file://) and a target pinned at 0.1.1 whose
    /// gate waits for `fixCommit`. Returns the target's path.
    public func finish(registryURL: String?, fixCommit: GitObjectID) throws -> (target: String, registry: String) {
        try finish(registryURL: registryURL, fixCommit: fixCommit.hex)
    }

    /// Same, with `fix_commit` written as given (an abbreviation, say).
    public func finish(registryURL: String?, fixCommit: String) throws -> (target: String, registry: String) {
        try upstream.forceCheckoutHead()
        let registry = (root as NSString).appendingPathComponent("registry")
        let base = registryURL ?? "file://\(registry)"
        _ = try RegistryFixture.write(releases + CargoPackageFiles.storyDependencyReleases, to: registry, downloadBase: "\(base)/crates")
        let target = (root as NSString).appendingPathComponent("target")
        try TargetRepository.write(at: target, indexURL: "\(base)/index/", upstream: upstreamPath, fixCommit: fixCommit)
        return (target, registry)
    }

    /// 0.1.1 as upstream published it: before the fix, no changelog yet.
    @discardableResult
    public func initialRelease() throws -> GitObjectID {
        try release("0.1.1", changes: [
            "README.md": GitFixture.Story.readme,
            "src/lib.rs": GitFixture.Story.libRs,
            "src/providers/mod.rs": "pub mod openai;\n",
            "src/providers/openai.rs": GitFixture.Story.openaiBeforeFix,
        ])
    }

    /// The fix's change to the code, with any message.
    @discardableResult
    public func fix(_ message: String) throws -> GitObjectID {
        try commit(["src/providers/openai.rs": GitFixture.Story.openaiAfterFix, "tests/usage_semantics.rs": GitFixture.Story.usageTests], message)
    }

    /// The real fix commit's shape: one body line of bullets joined by a literal backslash-n.
    public static let literalBodyFixMessage = #"fix(openai): align usage semantics with provider raw tokens\n\n- map usage.input/output to prompt_tokens/completion_tokens (provider-raw; reasoning tokens are not added)\n- prefer provider total_tokens when present, else input + output\n- parse cache_read_input_tokens / cache_creation_input_tokens, falling back to prompt_tokens_details.cached_tokens\n- context overflow check uses input only (no + cache_read)"#
}
