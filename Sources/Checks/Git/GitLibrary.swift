import CGit2

/// libgit2's process-wide state: initialised once, before the first repository is opened.
public enum GitLibrary {
    private static let initialisation: Int32 = git_libgit2_init()

    /// Initialises libgit2 (idempotent); throws libgit2's own message on failure.
    public static func initialise() throws {
        if initialisation < 0 { throw GitError.last(code: initialisation) }
    }

    /// The libgit2 version this process runs with, e.g. "1.5.1".
    public static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        guard git_libgit2_version(&major, &minor, &revision) == 0 else { return "unknown" }
        return "\(major).\(minor).\(revision)"
    }
}

/// A libgit2 failure with libgit2's own message.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let message: String

    public var description: String { message }

    /// The error libgit2 recorded for this thread, or a generic text with the code.
    static func last(code: Int32, context: String? = nil) -> GitError {
        var text = "libgit2 error \(code)"
        if let e = git_error_last(), let m = e.pointee.message {
            text = String(cString: m)
        }
        return GitError(code: code, message: context.map { "\($0): \(text)" } ?? text)
    }
}
