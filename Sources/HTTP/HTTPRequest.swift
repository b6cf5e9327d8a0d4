/// One GET to make.
public struct HTTPRequest: Sendable {
    /// An http://, https:// or file:// URL.
    public var url: String
    /// Revalidate against the on-disk cache (If-None-Match / If-Modified-Since) when the client
    /// has a cache folder; ignored for file:// URLs.
    public var conditional: Bool
    /// Overrides `HTTPOptions.maxBodyBytes` for this request.
    public var maxBodyBytes: Int?

    public init(url: String, conditional: Bool = false, maxBodyBytes: Int? = nil) {
        self.url = url
        self.conditional = conditional
        self.maxBodyBytes = maxBodyBytes
    }
}
