/// One request with a method, headers and a body, e.g. a call to a REST API.
/// Sent by `HTTPClient.send`; never answered from or stored in the cache.
public struct HTTPSendRequest: Sendable {
    /// GET, POST, PATCH or PUT (upper case, as on the wire).
    public var method: String
    /// An http:// or https:// URL.
    public var url: String
    /// Extra request headers. A `User-Agent` here replaces the client's; Content-Length and
    /// Transfer-Encoding are the client's to set. Values named Authorization never appear in errors.
    public var headers: [String: String]
    /// Sent as is (binary-safe); must be empty for GET.
    public var body: [UInt8]
    /// Overrides `HTTPOptions.maxBodyBytes` for the response to this request.
    public var maxBodyBytes: Int?

    public init(method: String, url: String, headers: [String: String] = [:], body: [UInt8] = [], maxBodyBytes: Int? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.maxBodyBytes = maxBodyBytes
    }
}
