/// Why a package was refused: one line naming the package file and, where one is to blame, the entry.
public struct PackageError: Error, Sendable, CustomStringConvertible {
    /// The package's file name, e.g. "alchemy-llm-0.1.2.crate".
    public let package: String
    public let message: String

    public init(package: String, message: String) {
        self.package = package
        self.message = message
    }

    public var description: String { "\(package): \(message)" }

    /// The file name cargo gives a package.
    static func fileName(name: String, version: String) -> String {
        "\(name)-\(version).crate"
    }
}
