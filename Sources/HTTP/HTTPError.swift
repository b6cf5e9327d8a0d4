import Support
/// A request that failed, in one line that names the URL (and the method, for `send`).
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public let url: String
    /// The method of a `send` ("POST"); nil for GETs made by `get` / `getAll`.
    public let method: String?
    /// The HTTP status when the server answered with one (e.g. 404); nil for transport errors.
    public let status: Int?
    /// e.g. "HTTP 404 Not Found", libcurl's own text for transport errors, "response body exceeds N bytes".
    public let message: String

    public init(url: String, status: Int? = nil, message: String, method: String? = nil) {
        self.url = url
        self.status = status
        self.message = message
        self.method = method
    }

    /// One line: the URL (it may come from a config file) and the message (it may quote a
    /// server) shown by `PrintableText.line`.
    public var description: String {
        let target = "\(PrintableText.line(url)): \(PrintableText.line(message))"
        return method.map { "\(PrintableText.line($0)) \(target)" } ?? target
    }
}
