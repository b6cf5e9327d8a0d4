import Foundation

/// Files under a root folder, with a strong ETag (a hash of the content) and Last-Modified
/// (the file's mtime), answering If-None-Match / If-Modified-Since with 304.
struct StaticFiles {
    let root: String

    func respond(to request: RequestReader.Request) -> Response {
        guard request.method == "GET" || request.method == "HEAD" else {
            return Response(status: 405, headers: ["Allow": "GET, HEAD"])
        }
        guard let decoded = request.path.removingPercentEncoding else { return Response(status: 400) }
        let parts = decoded.split(separator: "/").filter { $0 != "." }
        // Nothing outside the root, whatever the path says.
        guard !parts.contains("..") else { return Response(status: 403) }
        let file = ([root] + parts.map(String.init)).joined(separator: "/")
        var info = stat()
        guard stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let data = FileManager.default.contents(atPath: file) else {
            return Response(status: 404, body: Array("not found\n".utf8))
        }
        let body = [UInt8](data)
        let etag = "\"\(Self.fnv1a(body))\""
        #if os(Linux)
        let mtime = Int(info.st_mtim.tv_sec)
        #else
        let mtime = Int(info.st_mtimespec.tv_sec)
        #endif
        let validators = ["ETag": etag, "Last-Modified": HTTPDateText.format(mtime)]

        if let candidates = request.headers["if-none-match"] {
            let tags = candidates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if tags.contains("*") || tags.contains(where: { $0 == etag || $0 == "W/" + etag }) {
                return Response(status: 304, headers: validators)
            }
        } else if let since = request.headers["if-modified-since"].flatMap(HTTPDateText.parse), mtime <= since {
            return Response(status: 304, headers: validators)
        }
        return Response(status: 200, headers: validators, body: body)
    }

    /// 64-bit FNV-1a, in hex: cheap and stable, enough to tell contents apart in tests.
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
