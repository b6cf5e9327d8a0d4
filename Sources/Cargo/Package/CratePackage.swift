import Git
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

/// One file of a package, as git would store it.
public struct PackageFile: Sendable, Equatable {
    /// Under the package folder, "/"-separated ("src/lib.rs").
    public let path: String
    public let size: Int64
    /// The blob id git gives these bytes: equal to a tree entry's id exactly when the bytes are.
    public let blob: GitObjectID

    public init(path: String, size: Int64, blob: GitObjectID) {
        self.path = path
        self.size = size
        self.blob = blob
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
    /// `Cargo.toml.orig`, the manifest as written in the repository, when the package has one.
    public let originalManifest: [UInt8]?
    /// The changelog at the package root, its path relative to that root (e.g. "CHANGELOG.md").
    public let changelog: (path: String, text: String)?
    /// nil when the package has no `.cargo_vcs_info.json` (published with `--allow-dirty` from outside git, or by an old cargo).
    public let vcsInfo: VCSInfo?
    /// Headers in the archive, directories included.
    public let entryCount: Int
    /// Every regular file, in archive order.
    public let files: [PackageFile]
    /// The verified `.crate` itself, so files can be read again when a check needs their bytes.
    let archive: [UInt8]
    let limits: PackageLimits

    init(name: String, version: String, checksum: String, manifest: String, originalManifest: [UInt8]?,
         changelog: (path: String, text: String)?, vcsInfo: VCSInfo?, entryCount: Int,
         files: [PackageFile], archive: [UInt8], limits: PackageLimits) {
        self.name = name
        self.version = version
        self.checksum = checksum
        self.manifest = manifest
        self.originalManifest = originalManifest
        self.changelog = changelog
        self.vcsInfo = vcsInfo
        self.entryCount = entryCount
        self.files = files
        self.archive = archive
        self.limits = limits
    }

    /// The bytes of `paths` (package-relative), read again from the verified archive under the
    /// same rules; a path absent from the package, or larger than the limit for files
    /// gatekeeper reads, is absent from the result.
    public func contents(of paths: Set<String>) throws -> [String: [UInt8]] {
        guard !paths.isEmpty else { return [:] }
        var reader = CrateReader(package: PackageError.fileName(name: name, version: version), root: "\(name)-\(version)", limits: limits)
        reader.keep = paths
        return try reader.read(archive).kept
    }
}
