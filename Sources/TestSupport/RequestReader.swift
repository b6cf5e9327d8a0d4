import Foundation

/// Reads HTTP/1.1 requests off one connection, one after another (keep-alive).
struct RequestReader {
    struct Request {
        let method: String
        let target: String
        let version: String
        let headers: [String: String]
        let body: [UInt8]

        /// The target without its query string.
        var path: String { String(target.prefix { $0 != "?" }) }

        var keepAlive: Bool {
            let connection = headers["connection"]?.lowercased() ?? ""
            return version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        }
    }

    enum Next {
        case request(Request)
        /// The peer closed the connection (or it broke) between requests.
        case closed
        /// Unparseable: answer with this status and close.
        case malformed(Int)
    }

    private static let headerLimit = 64 * 1024
    private static let bodyLimit = 16 << 20

    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    mutating func next() -> Next {
        var headEnd: Int?
        var searchFrom = 0
        while headEnd == nil {
            if let end = Self.find([13, 10, 13, 10], in: buffer, from: searchFrom) { headEnd = end; break }
            searchFrom = max(0, buffer.count - 3)
            if buffer.count > Self.headerLimit { return .malformed(431) }
            if Socket.receive(fd, into: &buffer) <= 0 { return .closed }
        }
        guard let headEnd else { return .closed }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)

        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { return .malformed(400) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return .malformed(400) }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }

        let body: [UInt8]
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let chunked = readChunked() else { return .malformed(400) }
            body = chunked
        } else if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0, length <= Self.bodyLimit else { return .malformed(400) }
            while buffer.count < length {
                if Socket.receive(fd, into: &buffer) <= 0 { return .closed }
            }
            body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            body = []
        }
        return .request(Request(method: String(requestLine[0]), target: String(requestLine[1]),
                                version: String(requestLine[2]), headers: headers, body: body))
    }

    /// A chunked request body (size lines in hex, then data, then a zero chunk and trailers).
    private mutating func readChunked() -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            guard let line = readLine(), let size = Int((line.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces), radix: 16),
                  size >= 0, body.count + size <= Self.bodyLimit else { return nil }
            if size == 0 {
                while let trailer = readLine(), !trailer.isEmpty {}
                return body
            }
            while buffer.count < size + 2 {
                if Socket.receive(fd, into: &buffer) <= 0 { return nil }
            }
            body += buffer[0..<size]
            buffer.removeFirst(size + 2)
        }
    }

    private mutating func readLine() -> String? {
        while true {
            if let end = Self.find([13, 10], in: buffer, from: 0) {
                let line = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            if buffer.count > Self.headerLimit || Socket.receive(fd, into: &buffer) <= 0 { return nil }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
