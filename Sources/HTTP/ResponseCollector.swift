import Foundation

/// What libcurl's write and header callbacks receive for one attempt: the final response's
/// status line and headers, and the body up to the cap (never more).
final class ResponseCollector {
    /// Cap on the decoded body.
    let limit: Int
    private(set) var body: [UInt8] = []
    private(set) var headers: [String: String] = [:]
    private(set) var reason = ""
    /// Set when the body passed the cap and the transfer was aborted.
    private(set) var exceeded = false

    init(limit: Int) {
        self.limit = limit
    }

    /// A gzip body may be a little larger than what it decodes to (stored blocks, header and
    /// trailer); the decoded size is held to `limit` when it is decoded.
    static func rawAllowance(_ limit: Int) -> Int {
        limit.addingReportingOverflow(limit / 1000 + 1024).overflow ? Int.max : limit + limit / 1000 + 1024
    }

    var isGzip: Bool {
        let coding = headers["content-encoding"]?.lowercased()
        return coding == "gzip" || coding == "x-gzip"
    }

    /// Returns false to make libcurl abort the transfer.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let allowed = isGzip ? Self.rawAllowance(limit) : limit
        guard bytes.count <= allowed - body.count else {
            exceeded = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line as libcurl hands it over, CRLF included. A status line starts a new
    /// response (after a redirect or a 1xx), so only the final response's headers remain.
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0d || bytes[end - 1] == 0x0a { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            // Printable only: the phrase ends up in a one-line error message on a terminal.
            reason = parts.count == 3 ? String(parts[2].unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.map(Character.init)) : ""
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return }
        if let earlier = headers[name] { headers[name] = earlier + ", " + value } else { headers[name] = value }
    }
}
