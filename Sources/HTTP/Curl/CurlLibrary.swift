import CCurl
import Foundation

/// libcurl's process-wide state: initialised once, before the first handle.
public enum CurlLibrary {
    private static let initialisation: CURLcode = {
        // Transfers run with CURLOPT_NOSIGNAL (required with threads), so libcurl no longer
        // ignores SIGPIPE around its own writes; a peer closing a TLS connection must not
        // kill the process.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Initialises libcurl (idempotent); throws libcurl's own message on failure.
    public static func initialise() throws {
        let code = initialisation
        guard code == CURLE_OK else { throw CurlError(code: code) }
    }

    /// The libcurl version this process runs with, e.g. "8.5.0".
    public static var version: String {
        guard let info = gk_curl_version_info(), let v = info.pointee.version else { return "unknown" }
        return String(cString: v)
    }

    /// The TLS backend libcurl was built with, e.g. "OpenSSL/3.0.15".
    public static var sslVersion: String? {
        guard let info = gk_curl_version_info(), let v = info.pointee.ssl_version else { return nil }
        return String(cString: v)
    }
}

/// A libcurl failure with libcurl's own message.
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The CURLcode (or, from the multi and URL interfaces, their CURLMcode / CURLUcode).
    public let code: UInt32
    public let message: String

    /// `detail` is usually libcurl's error buffer; it often repeats the generic text, so that is
    /// then left out rather than said twice.
    init(code: CURLcode, detail: String? = nil) {
        self.code = code.rawValue
        self.message = Self.compose(String(cString: curl_easy_strerror(code)), detail)
    }

    init(multi code: CURLMcode) {
        self.code = UInt32(bitPattern: code.rawValue)
        self.message = String(cString: curl_multi_strerror(code))
    }

    init(url code: CURLUcode) {
        self.code = code.rawValue
        self.message = String(cString: curl_url_strerror(code))
    }

    private static func compose(_ text: String, _ detail: String?) -> String {
        guard let detail, !detail.isEmpty else { return text }
        return detail.contains(text) ? detail : "\(text): \(detail)"
    }

    public var description: String { message }
}
