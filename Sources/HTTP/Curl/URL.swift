import CCurl

/// libcurl's URL parser (CURLU), so a URL is judged exactly as libcurl will fetch it.
struct CurlURL: Sendable {
    /// Lower-case scheme, e.g. "https".
    let scheme: String
    /// Lower-case host name; empty for file:// URLs.
    let host: String
    /// The path, percent-decoded (for file:// URLs, the local file).
    let path: String

    /// Parses `text`; unknown schemes are parsed too, so the caller can name them.
    init(_ text: String) throws(CurlError) {
        guard let url = curl_url() else { throw CurlError(url: CURLUE_OUT_OF_MEMORY) }
        defer { curl_url_cleanup(url) }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        let code = text.withCString { curl_url_set(url, CURLUPART_URL, $0, flags) }
        guard code == CURLUE_OK else { throw CurlError(url: code) }
        scheme = (Self.part(url, CURLUPART_SCHEME) ?? "").lowercased()
        host = (Self.part(url, CURLUPART_HOST) ?? "").lowercased()
        path = Self.part(url, CURLUPART_PATH, flags: UInt32(CURLU_URLDECODE)) ?? ""
    }

    private static func part(_ url: OpaquePointer, _ which: CURLUPart, flags: UInt32 = 0) -> String? {
        var out: UnsafeMutablePointer<CChar>?
        guard curl_url_get(url, which, &out, flags) == CURLUE_OK, let out else { return nil }
        defer { curl_free(out) }
        return String(cString: out)
    }
}
