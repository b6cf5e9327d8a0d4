import HTTP
/// An HTTP/1.1 response as the loopback server writes it.
struct Response {
    var status: Int
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    /// Close the connection after sending, whatever the client asked.
    var closes = false

    /// Status line, headers (Content-Length and Connection unless given) and, unless `head`, the body.
    func bytes(head: Bool, keepAlive: Bool) -> [UInt8] {
        var lines = ["HTTP/1.1 \(status) \(Self.reason(status))"]
        let given = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        let bodiless = status == 304 || status == 204 || status < 200
        // A handler that sets Transfer-Encoding: chunked gets its body sent in chunks, without a length.
        let chunked = given["transfer-encoding"]?.lowercased() == "chunked"
        if given["content-length"] == nil && !bodiless && !chunked { lines.append("Content-Length: \(body.count)") }
        if given["connection"] == nil { lines.append("Connection: \(keepAlive ? "keep-alive" : "close")") }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { lines.append("\(name): \(value)") }
        var out = Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        if !head && !bodiless { out += chunked ? Self.chunks(body) : body }
        return out
    }

    private static func chunks(_ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var offset = 0
        while offset < body.count {
            let count = min(16 * 1024, body.count - offset)
            out += Array("\(String(count, radix: 16))\r\n".utf8) + body[offset..<(offset + count)] + [13, 10]
            offset += count
        }
        return out + Array("0\r\n\r\n".utf8)
    }

    static func reason(_ status: Int) -> String {
        let phrase = StatusText.phrase(status)
        return phrase.isEmpty ? "Status" : phrase
    }
}
