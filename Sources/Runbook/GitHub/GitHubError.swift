/// A GitHub API call that failed, or inputs that cannot make one, in one line that never
/// contains the token.
public struct GitHubError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status when GitHub answered with one.
    public let status: Int?
    /// e.g. "GitHub API POST /repos/o/r/pulls: HTTP 422 Unprocessable Entity: Validation Failed (…)".
    public let message: String

    public init(_ message: String, status: Int? = nil) {
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
