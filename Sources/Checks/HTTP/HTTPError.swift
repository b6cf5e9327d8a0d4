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

    /// One line: control characters in the URL (it may come from a config file) are escaped.
    public var description: String {
        let target = "\(Self.printable(url)): \(message)"
        return method.map { "\($0) \(target)" } ?? target
    }

    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return text }
        return text.unicodeScalars.map { scalar in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f: "\\u{\(String(scalar.value, radix: 16))}"
            default: String(scalar)
            }
        }.joined()
    }
}
