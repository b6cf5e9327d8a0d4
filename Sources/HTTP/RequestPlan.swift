import Foundation

/// A request checked before anything is sent: a URL libcurl can parse with a scheme we allow,
/// a sensible cap, and the cache entry it revalidates.
struct RequestPlan {
    let url: String
    /// nil for URLs that are not rate limited (file://).
    let host: String?
    /// Cap on the decoded body.
    let limit: Int
    /// Set when a 2xx response should be stored in the cache.
    let cacheable: Bool
    /// The trusted cache entry this request revalidates, if any.
    let cached: ResponseCache.Entry?
    var method = "GET"
    /// Extra header lines, ready for libcurl ("Name: value"; "Name:" removes a default one).
    var headerLines: [String] = []
    /// The request body; nil sends none (GET).
    var body: [UInt8]? = nil
    /// Repeating it cannot do harm, so every transient failure may be retried (GET; see SendPlan).
    var idempotent = true
    /// Error messages quote the response body (APIs explain their refusals there).
    var quotesErrorBody = false

    static func make(_ request: HTTPRequest, options: HTTPOptions, cache: ResponseCache?) -> Result<RequestPlan, HTTPError> {
        let url = request.url
        func failure(_ message: String) -> Result<RequestPlan, HTTPError> { .failure(HTTPError(url: url, message: message)) }
        let limit = request.maxBodyBytes ?? options.maxBodyBytes
        guard limit > 0 else { return failure("maxBodyBytes must be positive, got \(limit)") }
        let parsed: CurlURL
        switch checkURL(url, schemes: ["http", "https", "file"]) {
        case .success(let value): parsed = value
        case .failure(let message): return failure(message.text)
        }
        let isFile = parsed.scheme == "file"
        // libcurl reads a folder as an empty file; say what it is instead.
        if isFile, isFolder(parsed.path) { return failure("\(parsed.path) is a folder, not a file") }
        let cacheable = request.conditional && !isFile && cache != nil
        let cached = cacheable ? cache?.load(url: url, limit: limit) : nil
        return .success(RequestPlan(url: url, host: isFile ? nil : parsed.host, limit: limit, cacheable: cacheable, cached: cached))
    }

    struct URLProblem: Error { let text: String }

    /// The URL as libcurl parses it, when its scheme is one of `schemes`.
    static func checkURL(_ url: String, schemes: [String]) -> Result<CurlURL, URLProblem> {
        if url.isEmpty { return .failure(URLProblem(text: "empty URL")) }
        // A NUL would silently cut the URL short on its way into C; CR/LF could forge headers.
        if url.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) { return .failure(URLProblem(text: "URL contains a control character")) }
        let parsed: CurlURL
        do { parsed = try CurlURL(url) } catch { return .failure(URLProblem(text: "not a valid URL: \(error.message)")) }
        guard schemes.contains(parsed.scheme) else {
            let names = schemes.count == 2 ? "\(schemes[0]) or \(schemes[1])" : "\(schemes.dropLast().joined(separator: ", ")) or \(schemes.last ?? "")"
            return .failure(URLProblem(text: "unsupported URL scheme \"\(parsed.scheme)\" (use \(names))"))
        }
        return .success(parsed)
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
