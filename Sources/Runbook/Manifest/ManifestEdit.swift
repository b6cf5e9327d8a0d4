import Checks

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
public struct ManifestEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
