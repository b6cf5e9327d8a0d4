import CGit2

/// A libgit2 failure with libgit2's own message (prefixed by what gatekeeper was doing).
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libgit2's return code (`GIT_ENOTFOUND` is -3, …); -1 for a generic failure.
    public let code: Int32
    public let message: String

    public var description: String { message }

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The error libgit2 recorded for this thread, or a generic text with the code.
    public static func last(code: Int32, context: String? = nil) -> GitError {
        var text = "libgit2 error \(code)"
        if let e = git_error_last(), let m = e.pointee.message {
            text = String(cString: m)
        }
        return GitError(code: code, message: context.map { "\($0): \(text)" } ?? text)
    }

    /// Throws `last(code:context:)` when `code` is negative (libgit2's failure convention).
    @discardableResult
    public static func check(_ code: Int32, context: @autoclosure () -> String? = nil) throws -> Int32 {
        if code < 0 { throw last(code: code, context: context()) }
        return code
    }

    /// True for libgit2's "not found" family, which callers often turn into `nil`.
    public var isNotFound: Bool {
        code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue
    }
}
