import CCurl

/// libcurl's process-wide state: initialised once, before the first handle.
public enum CurlLibrary {
    private static let initialisation: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

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
    public let code: UInt32
    public let message: String

    init(code: CURLcode, detail: String? = nil) {
        self.code = code.rawValue
        let text = String(cString: curl_easy_strerror(code))
        self.message = detail.map { $0.isEmpty ? text : "\(text): \($0)" } ?? text
    }

    public var description: String { message }
}
