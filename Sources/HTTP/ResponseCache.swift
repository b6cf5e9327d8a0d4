import Foundation
import Support

/// The on-disk store behind conditional requests: for each URL a `<sha256>.body` and a
/// `<sha256>.meta` (JSON: validators, status, headers, the body's length and digest) under
/// `<cacheDirectory>/http/`. An entry is only trusted when both files agree.
struct ResponseCache: Sendable {
    struct Entry: Sendable {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
        let etag: String?
        let lastModified: String?

        /// The request headers that ask the server for a 304.
        var conditionalHeaders: [String] {
            var lines: [String] = []
            if let etag { lines.append("If-None-Match: \(etag)") }
            if let lastModified { lines.append("If-Modified-Since: \(lastModified)") }
            return lines
        }
    }

    private struct Meta: Codable {
        var url: String
        var status: Int
        var etag: String?
        var lastModified: String?
        var length: Int
        var sha256: String
        var headers: [String: String]
    }

    let folder: String

    init(cacheDirectory: String) {
        folder = (cacheDirectory as NSString).appendingPathComponent("http")
    }

    /// The stored entry for `url`, or nil when there is none or it cannot be trusted
    /// (unreadable, meta without body, length or digest mismatch, another URL, over `limit`).
    func load(url: String, limit: Int) -> Entry? {
        let (metaPath, bodyPath) = paths(url)
        guard let metaData = FileManager.default.contents(atPath: metaPath),
              let meta = try? JSONValueDecoder().decode(Meta.self, from: JSONReader.parse([UInt8](metaData))),
              meta.url == url, (200..<300).contains(meta.status),
              meta.etag != nil || meta.lastModified != nil,
              [meta.etag, meta.lastModified].allSatisfy({ Self.isHeaderSafe($0 ?? "") }),
              meta.length >= 0, meta.length <= limit,
              let bodyData = FileManager.default.contents(atPath: bodyPath),
              bodyData.count == meta.length
        else { return nil }
        let body = [UInt8](bodyData)
        guard Self.digest(body) == meta.sha256 else { return nil }
        return Entry(status: meta.status, headers: meta.headers, body: body, etag: meta.etag, lastModified: meta.lastModified)
    }

    /// Stores a 2xx response; one without validators cannot be revalidated, so it removes any
    /// older entry instead. The body goes first: a meta file never describes a body not yet there.
    func store(url: String, status: Int, headers: [String: String], body: [UInt8]) throws(CacheWriteError) {
        let (metaPath, bodyPath) = paths(url)
        let etag = headers["etag"].flatMap { Self.isHeaderSafe($0) ? $0 : nil }
        let lastModified = headers["last-modified"].flatMap { Self.isHeaderSafe($0) ? $0 : nil }
        guard etag != nil || lastModified != nil else {
            try? FileManager.default.removeItem(atPath: metaPath)
            try? FileManager.default.removeItem(atPath: bodyPath)
            return
        }
        let meta = Meta(url: url, status: status, etag: etag, lastModified: lastModified,
                        length: body.count, sha256: Self.digest(body), headers: headers)
        let encoded: String
        do { encoded = JSONWriter.string(try JSONValueEncoder().encode(meta), pretty: false) } catch { throw CacheWriteError(path: metaPath, reason: "\(error)") }
        try CacheFile.write(body, to: bodyPath)
        try CacheFile.write(Array(encoded.utf8), to: metaPath)
    }

    private func paths(_ url: String) -> (meta: String, body: String) {
        let key = Self.digest(Array(url.utf8))
        let base = (folder as NSString).appendingPathComponent(key)
        return (base + ".meta", base + ".body")
    }

    private static func digest(_ bytes: [UInt8]) -> String {
        SHA256Hex.of(bytes)
    }

    /// Validators are echoed back as request headers; a line break would forge another header.
    private static func isHeaderSafe(_ value: String) -> Bool {
        !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }
}
