/// A successful GET.
public struct HTTPResponse: Sendable {
    /// The URL that was requested (not where redirects led).
    public let url: String
    /// 200...299; file:// reads report 200, and a 304 revalidation reports the cached status.
    public let status: Int
    /// Lower-cased names; the final response's headers (for a 304, the cached ones updated by it).
    public let headers: [String: String]
    /// The decoded body.
    public let body: [UInt8]
    /// The server answered 304 Not Modified and `body` came from the cache.
    public let revalidated: Bool
    /// Attempts made, the successful one included.
    public let attempts: Int
}
