import Checks
import Foundation
import Testing
import TestSupport
import HTTP

@Suite struct HTTPCacheTests {
    private static let text = "{\"name\":\"alchemy-llm\",\"vers\":\"0.1.1\",\"cksum\":\"00\",\"yanked\":false}\n"

    @Test func aSecondConditionalGetIsOne304AnsweredFromTheCache() throws {
        let site = try HTTPTestFolder(), cache = try HTTPTestFolder()
        defer { site.remove(); cache.remove() }
        try site.write("al/ch/alchemy-llm", Self.text)
        let server = try LoopbackHTTPServer(root: site.path)
        defer { server.stop() }
        let url = server.baseURL + "/al/ch/alchemy-llm"
        let first = try HTTPTest.client { $0.cacheDirectory = cache.path }
        let fresh = try first.get(HTTPRequest(url: url, conditional: true))
        #expect(fresh.revalidated == false)
        server.resetLog()

        // A later run: a new client over the same cache folder.
        let client = try HTTPTest.client { $0.cacheDirectory = cache.path }
        let again = try client.get(HTTPRequest(url: url, conditional: true))

        #expect(again.revalidated == true)
        #expect(again.status == 200)
        #expect(again.body == fresh.body)
        #expect(client.statistics == HTTPStatistics(total: 1, notModified: 1))
        let sent = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(sent.headers["if-none-match"] == fresh.headers["etag"])
        #expect(sent.headers["if-modified-since"] == fresh.headers["last-modified"])
    }

    @Test func lastModifiedAloneIsEnoughToRevalidate() throws {
        let cache = try HTTPTestFolder()
        defer { cache.remove() }
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let stamp = "Wed, 11 Feb 2026 10:00:00 GMT"
        server.route("/config.json") { request in
            request.headers["if-modified-since"] == stamp ? (304, [:], []) : (200, ["Last-Modified": stamp], Array("{}".utf8))
        }
        let client = try HTTPTest.client { $0.cacheDirectory = cache.path }
        let url = server.baseURL + "/config.json"

        _ = try client.get(HTTPRequest(url: url, conditional: true))
        let again = try client.get(HTTPRequest(url: url, conditional: true))

        #expect(again.revalidated && HTTPTest.text(again) == "{}")
        #expect(client.statistics.notModified == 1)
    }

    @Test(arguments: ["garbage body", "missing body", "garbage meta", "missing meta"])
    func aBrokenCacheEntryIsIgnoredAndReplaced(damage: String) throws {
        let site = try HTTPTestFolder(), cache = try HTTPTestFolder()
        defer { site.remove(); cache.remove() }
        try site.write("index", Self.text)
        let server = try LoopbackHTTPServer(root: site.path)
        defer { server.stop() }
        let url = server.baseURL + "/index"
        let client = try HTTPTest.client { $0.cacheDirectory = cache.path }
        _ = try client.get(HTTPRequest(url: url, conditional: true))
        let stored = cache.files(under: "http")
        #expect(stored.count == 2)
        let body = try #require(stored.first { $0.hasSuffix(".body") })
        let meta = try #require(stored.first { $0.hasSuffix(".meta") })
        switch damage {
        case "garbage body": try cache.write("http/\(body)", "{\"name\":\"alchemy-llm\",\"vers\":\"9.9.9\"}\n")
        case "missing body": try FileManager.default.removeItem(atPath: "\(cache.path)/http/\(body)")
        case "garbage meta": try cache.write("http/\(meta)", "not json")
        default: try FileManager.default.removeItem(atPath: "\(cache.path)/http/\(meta)")
        }
        server.resetLog()

        let response = try client.get(HTTPRequest(url: url, conditional: true))

        #expect(HTTPTest.text(response) == Self.text, "the server's body, never the damaged copy")
        #expect(response.revalidated == false)
        #expect(server.requests.first?.headers["if-none-match"] == nil, "a damaged entry is not revalidated")
        let replaced = try client.get(HTTPRequest(url: url, conditional: true))
        #expect(replaced.revalidated && HTTPTest.text(replaced) == Self.text, "the entry was replaced")
    }

    @Test func aFailedRequestLeavesNoCacheFile() throws {
        let cache = try HTTPTestFolder()
        defer { cache.remove() }
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.inject(.status(500, headers: ["ETag": "\"e\""], body: "boom"), path: "/flaky", times: 5)
        server.inject(.gzipTruncated, path: "/zipped", times: 5)
        server.route("/capped") { _ in (200, ["ETag": "\"c\""], [UInt8](repeating: 1, count: 5000)) }
        let client = try HTTPTest.client { $0.cacheDirectory = cache.path; $0.retries = 1 }

        for path in ["/missing", "/flaky", "/zipped", "/capped"] {
            let error = HTTPTest.failure(client, HTTPRequest(url: server.baseURL + path, conditional: true, maxBodyBytes: 4096))
            #expect(error != nil, "\(path) must fail")
        }

        #expect(cache.files() == [], "no cache file, finished or partial")
    }

    @Test func fileURLsAndPlainRequestsAreNotCached() throws {
        let site = try HTTPTestFolder(), cache = try HTTPTestFolder()
        defer { site.remove(); cache.remove() }
        try site.write("index", Self.text)
        let server = try LoopbackHTTPServer(root: site.path)
        defer { server.stop() }
        let client = try HTTPTest.client { $0.cacheDirectory = cache.path }

        _ = try client.get(HTTPRequest(url: "file://\(site.path)/index", conditional: true))
        _ = try client.get(HTTPRequest(url: server.baseURL + "/index"))
        _ = try client.get(HTTPRequest(url: server.baseURL + "/index"))

        #expect(cache.files() == [])
        #expect(client.statistics.notModified == 0)
    }

    @Test func anUnwritableCacheIsAClearError() throws {
        let site = try HTTPTestFolder()
        defer { site.remove() }
        try site.write("index", Self.text)
        try site.write("not-a-folder", "x")
        let server = try LoopbackHTTPServer(root: site.path)
        defer { server.stop() }
        let client = try HTTPTest.client { $0.cacheDirectory = "\(site.path)/not-a-folder" }
        let url = server.baseURL + "/index"

        let error = try #require(HTTPTest.failure(client, HTTPRequest(url: url, conditional: true)))

        #expect(error.url == url)
        #expect(error.message.hasPrefix("cannot write cache file \(site.path)/not-a-folder/http/"), "got \(error.message)")
    }
}
