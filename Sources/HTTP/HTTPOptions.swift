/// How an `HTTPClient` talks to servers. Proxies are not configured here on purpose: libcurl
/// takes them from the environment (`http_proxy`, `https_proxy`, `all_proxy`, `no_proxy`; the
/// upper-case forms too, except `HTTP_PROXY`), as curl does, and the client leaves that alone.
public struct HTTPOptions: Sendable {
    /// Sent as `User-Agent`; name the tool and a contact, e.g. "gatekeeper/0.1.0 (ops@example.com)".
    public var userAgent: String
    /// Seconds allowed to connect (per attempt).
    public var connectTimeout: Double = 10
    /// Seconds allowed for a whole attempt, redirects included.
    public var totalTimeout: Double = 60
    /// Abort an attempt that moves less than 1 byte/s for this many seconds (whole seconds, rounded up).
    public var stallTimeout: Double = 20
    public var maxRedirects: Int = 5
    /// Default cap on a decoded response body; a request may set its own.
    public var maxBodyBytes: Int = 64 << 20
    /// Extra attempts after the first, on transient failures, 5xx and 429.
    public var retries: Int = 4
    /// Backoff base in seconds: attempt n waits a random time in 0...min(maxDelay, baseDelay·2ⁿ⁻¹).
    public var baseDelay: Double = 0.25
    /// Cap in seconds for backoff and for a server's `Retry-After`.
    public var maxDelay: Double = 30
    /// Most requests per second started to one host; nil = unlimited.
    public var ratePerHost: Double? = nil
    /// Folder of the conditional-request cache (kept in its `http/` subfolder); nil = no cache.
    public var cacheDirectory: String? = nil
    /// Most transfers in flight at once in `getAll`.
    public var concurrency: Int = 16

    public init(userAgent: String) {
        self.userAgent = userAgent
    }

    /// Every value the client turns into libcurl options or arithmetic, checked up front so that
    /// no option can trap (NaN, infinity, overflow) or smuggle a header line.
    func validate() throws(HTTPOptionsError) {
        if userAgent.isEmpty { throw HTTPOptionsError("userAgent must not be empty") }
        if userAgent.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw HTTPOptionsError("userAgent must not contain control characters")
        }
        try seconds(connectTimeout, "connectTimeout", positive: true)
        try seconds(totalTimeout, "totalTimeout", positive: true)
        try seconds(stallTimeout, "stallTimeout", positive: true)
        try seconds(baseDelay, "baseDelay", positive: false)
        try seconds(maxDelay, "maxDelay", positive: false)
        if let rate = ratePerHost, !(rate.isFinite && rate > 0) {
            throw HTTPOptionsError("ratePerHost must be a positive number of requests per second, got \(rate)")
        }
        if maxRedirects < 0 || maxRedirects > 1000 { throw HTTPOptionsError("maxRedirects must be in 0...1000, got \(maxRedirects)") }
        if maxBodyBytes <= 0 { throw HTTPOptionsError("maxBodyBytes must be positive, got \(maxBodyBytes)") }
        if retries < 0 || retries > 100 { throw HTTPOptionsError("retries must be in 0...100, got \(retries)") }
        if concurrency < 1 || concurrency > 1024 { throw HTTPOptionsError("concurrency must be in 1...1024, got \(concurrency)") }
        if let folder = cacheDirectory, folder.isEmpty || folder.utf8.contains(0) {
            throw HTTPOptionsError("cacheDirectory must be a folder path")
        }
    }

    /// A week is far beyond any sensible timeout and keeps millisecond conversions in range.
    private func seconds(_ value: Double, _ name: String, positive: Bool) throws(HTTPOptionsError) {
        let low = positive ? value > 0 : value >= 0
        guard value.isFinite, low, value <= 604_800 else {
            throw HTTPOptionsError("\(name) must be \(positive ? "a positive" : "a non-negative") number of seconds up to a week, got \(value)")
        }
    }
}

/// An `HTTPOptions` value the client cannot work with.
public struct HTTPOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { "invalid HTTP options: \(message)" }
}
