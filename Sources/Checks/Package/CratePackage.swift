/// Where a package says it was published from (`.cargo_vcs_info.json`).
public struct VCSInfo: Sendable, Equatable {
    /// The git commit, lower-case hex.
    public let commit: String
    /// The package's folder in the repository ("" at the root); nil when cargo was too old to record it.
    public let pathInVCS: String?
    /// True when the working tree had uncommitted changes at publication.
    public let dirty: Bool

    public init(commit: String, pathInVCS: String?, dirty: Bool) {
        self.commit = commit
        self.pathInVCS = pathInVCS
        self.dirty = dirty
    }
}

/// What gatekeeper takes from a verified `.crate`.
public struct CratePackage: Sendable {
    public let name: String
    public let version: String
    /// SHA-256 of the `.crate`, lower-case hex, as verified.
    public let checksum: String
    /// `Cargo.toml` as published (cargo's normalised manifest).
    public let manifest: String
    /// The changelog at the package root, its path relative to that root (e.g. "CHANGELOG.md").
    public let changelog: (path: String, text: String)?
    /// nil when the package has no `.cargo_vcs_info.json` (published with `--allow-dirty` from outside git, or by an old cargo).
    public let vcsInfo: VCSInfo?
    /// Headers in the archive, directories included.
    public let entryCount: Int

    public init(name: String, version: String, checksum: String, manifest: String,
                changelog: (path: String, text: String)?, vcsInfo: VCSInfo?, entryCount: Int) {
        self.name = name
        self.version = version
        self.checksum = checksum
        self.manifest = manifest
        self.changelog = changelog
        self.vcsInfo = vcsInfo
        self.entryCount = entryCount
    }
}
