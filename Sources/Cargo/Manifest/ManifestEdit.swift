import Support

/// A manifest before and after a bump, with one entry per requirement string that changed.
public struct ManifestEdit: Sendable {
    public typealias Change = (table: String, key: String, line: Int, from: String, to: String)

    /// The manifest as the caller named it (repository-relative in a rollout).
    public let file: String
    public let before: String
    public let after: String
    /// In source order. Empty when every requirement already named the version.
    public let changes: [Change]

    public var changed: Bool { before != after }
}

/// Why a manifest cannot be bumped: always the file, and the line when one is to blame.
public typealias ManifestEditError = SourceError
