/// What is wrong with a file a person wrote (a config, a manifest, a lockfile): the file, the
/// line when known, and one printable message. The one file/line error every reader throws,
/// so every command prints them the same way: `FILE:LINE: MESSAGE`.
public struct SourceError: Error, Sendable, Equatable, CustomStringConvertible {
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
