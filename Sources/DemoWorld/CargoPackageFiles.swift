import Checks
import Git

/// What `cargo package` publishes from a commit, for fixtures that know the commit's files:
/// every file of the commit's tree (our fixtures exclude none), `Cargo.toml.orig` byte for byte
/// the tree's `Cargo.toml`, `.cargo_vcs_info.json` naming the commit, and cargo's normalised
/// `Cargo.toml` (written by `RegistryFixture.package` from the release's name, version and
/// dependencies, which must be those of the tree's `Cargo.toml`).
public enum CargoPackageFiles {
    /// The dependencies of every `Cargo.toml` of the usage-fix story (`serde_json = "1"`), as
    /// `RegistryFixture.Release.dependencies`.
    public static let storyDependencies = ["serde_json": "1"]

    /// A bare release of each crate the story depends on, so a registry that publishes the
    /// story's packages also resolves with the real cargo.
    public static let storyDependencyReleases = [RegistryFixture.Release(name: "serde_json", version: "1.0.0")]

    /// `tree` (path → text) after `changes` (path → new text, nil → delete).
    public static func applying(_ changes: [String: String?], to tree: [String: String]) -> [String: String] {
        var tree = tree
        for (path, text) in changes {
            if let text { tree[path] = text } else { tree.removeValue(forKey: path) }
        }
        return tree
    }

    /// The tree after each step, each on top of the one before (the first on top of `base`).
    public static func trees(after steps: [GitFixture.Step], from base: [String: String] = [:]) -> [[String: String]] {
        var tree = base
        return steps.map { step in
            tree = applying(step.files, to: tree)
            return tree
        }
    }

    /// The package's files besides the generated `Cargo.toml`, for the commit `commit` whose
    /// files are `tree`.
    /// `folder`: the crate's folder in the repository (`path_in_vcs`); only the files under it
    /// are packaged, relative to it.
    public static func files(tree: [String: String], commit: GitObjectID, folder: String = "") -> [String: String] {
        var files: [String: String] = [:]
        let prefix = folder.isEmpty ? "" : folder + "/"
        for (path, text) in tree where path.hasPrefix(prefix) { files[String(path.dropFirst(prefix.count))] = text }
        files["Cargo.toml.orig"] = files["Cargo.toml"]
        files["Cargo.toml"] = nil
        files[".cargo_vcs_info.json"] = CrateFixture.vcsInfo(commit: commit.hex, pathInVCS: folder)
        return files
    }

    /// The release cargo would publish as `name` `version` from `commit` (files `tree`). The
    /// tree's Cargo.toml must say `version = "<version>"`: a fixture that publishes a version
    /// its own manifest does not name is a mistake, and an error.
    public static func release(
        _ name: String, _ version: String, from commit: GitObjectID, tree: [String: String], yanked: Bool = false,
        pubtime: String? = "2026-02-12T10:00:00Z", dependencies: [String: String] = storyDependencies
    ) throws -> RegistryFixture.Release {
        guard let manifest = tree["Cargo.toml"] else {
            throw Mismatch(description: "\(name) \(version): commit \(commit.short) has no Cargo.toml to publish from")
        }
        let lines = manifest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.contains("name = \"\(name)\""), lines.contains("version = \"\(version)\"") else {
            throw Mismatch(description: "\(name) \(version): the Cargo.toml of commit \(commit.short) names another package or version")
        }
        return RegistryFixture.Release(name: name, version: version, files: files(tree: tree, commit: commit), yanked: yanked,
                                       pubtime: pubtime, dependencies: dependencies)
    }

    /// A fixture asked to publish what its commit's manifest does not say.
    public struct Mismatch: Error, Sendable, CustomStringConvertible {
        public let description: String
    }
}
