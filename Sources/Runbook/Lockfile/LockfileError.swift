/// Why a lockfile was not refreshed. Every kind is an error (exit 2) for the caller; `exitCode`
/// and `outputTail` carry what a failing command said, `results` every command run so far (for
/// the rollout's logs).
public struct LockfileError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The command starts with `cargo` and there is none on PATH.
        case cargoMissing
        /// The command exited non-zero or ran past its timeout.
        case commandFailed
        /// The command succeeded but the lockfile does not record the version (or still
        /// records the old one).
        case notUpdated
        /// The lockfile is missing or not a lockfile.
        case unreadable
    }

    public let kind: Kind
    public let file: String?
    public let line: Int?
    public let message: String
    public let exitCode: Int32?
    /// The last lines of the command's output.
    public let outputTail: String
    public let results: [CommandResult]

    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, message: String, exitCode: Int32? = nil,
                outputTail: String = "", results: [CommandResult] = []) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
        self.exitCode = exitCode
        self.outputTail = outputTail
        self.results = results
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}
