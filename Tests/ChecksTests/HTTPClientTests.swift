import Checks
import Foundation
import Testing
import TestSupport
import HTTP

@Suite struct HTTPClientTests {
    @Test func returnsTheBodyAndSendsTheUserAgent() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        try folder.write("config.json", #"{"dl":"https://example.invalid/{crate}"}"#)
        let server = try LoopbackHTTPServer(root: folder.path)
        defer { server.stop() }
        let client = try HTTPTest.client()

        let response = try client.get(HTTPRequest(url: server.baseURL + "/config.json"))

        #expect(response.status == 200)
        #expect(HTTPTest.text(response) == #"{"dl":"https://example.invalid/{crate}"}"#)
        #expect(response.revalidated == false && response.attempts == 1)
        #expect(response.headers["etag"] != nil, "header names are lower-cased")
        let seen = try #require(server.requests.last)
        #expect(seen.headers["user-agent"] == HTTPTest.userAgent)
        #expect(seen.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(client.statistics == HTTPStatistics(total: 1, notModified: 0))
    }

    @Test func decodesAGzipBody() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let text = String(repeating: "{\"name\":\"alchemy-llm\",\"vers\":\"0.1.2\"}\n", count: 500)
        server.inject(.body(Gzip.stored(Array(text.utf8)), headers: ["Content-Encoding": "gzip"]), path: "/al/ch/alchemy-llm")
        let client = try HTTPTest.client()

        let response = try client.get(HTTPRequest(url: server.baseURL + "/al/ch/alchemy-llm"))

        #expect(HTTPTest.text(response) == text)
    }

    @Test func notFoundFailsAtOnceWithTheStatus() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let client = try HTTPTest.client()
        let url = server.baseURL + "/3/a/abc"

        let error = try #require(HTTPTest.failure(client, HTTPRequest(url: url)))

        #expect(error.status == 404)
        #expect(error.description == "\(url): HTTP 404 Not Found")
        #expect(server.requestCount(path: "/3/a/abc") == 1, "a 404 is not retried")
    }

    @Test func aBodyOverTheCapIsRefused() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        try folder.write("big", [UInt8](repeating: 65, count: 5000))
        let server = try LoopbackHTTPServer(root: folder.path)
        defer { server.stop() }
        // Without a Content-Length the cap is enforced while the body arrives.
        server.route("/streamed") { _ in (200, ["Transfer-Encoding": "chunked"], [UInt8](repeating: 66, count: 100_000)) }
        let client = try HTTPTest.client { $0.maxBodyBytes = 4096 }

        let declared = try #require(HTTPTest.failure(client, HTTPRequest(url: server.baseURL + "/big")))
        #expect(declared.message == "response body exceeds 4096 bytes")
        let streamed = try #require(HTTPTest.failure(client, HTTPRequest(url: server.baseURL + "/streamed", maxBodyBytes: 1000)))
        #expect(streamed.message == "response body exceeds 1000 bytes")
        #expect(streamed.status == nil)
        // A gzip body is held to the cap once decoded.
        server.inject(.body(Gzip.stored([UInt8](repeating: 67, count: 3000)), headers: ["Content-Encoding": "gzip"]), path: "/zipped")
        let zipped = try #require(HTTPTest.failure(client, HTTPRequest(url: server.baseURL + "/zipped", maxBodyBytes: 2999)))
        #expect(zipped.message == "response body exceeds 2999 bytes")
        #expect(server.requestCount(path: "/big") + server.requestCount(path: "/streamed") == 2, "not retried")
    }

    @Test func followsRedirectsAndRefusesALoop() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        try folder.write("moved/here", "arrived")
        let server = try LoopbackHTTPServer(root: folder.path)
        defer { server.stop() }
        server.inject(.redirect(to: "/moved/here", status: 301), path: "/old")
        server.route("/loop") { _ in (302, ["Location": "/loop"], []) }
        let client = try HTTPTest.client { $0.maxRedirects = 3 }

        let moved = try client.get(HTTPRequest(url: server.baseURL + "/old"))
        #expect(HTTPTest.text(moved) == "arrived")
        #expect(moved.url == server.baseURL + "/old", "the requested URL, not where it led")

        let loop = try #require(HTTPTest.failure(client, HTTPRequest(url: server.baseURL + "/loop")))
        #expect(loop.message.contains("Maximum (3) redirects followed"), "got \(loop.message)")
        #expect(server.requestCount(path: "/loop") == 4, "the first request and three redirects, no retry")
        #expect(client.statistics.total == 2 + 4, "redirect hops count as requests sent")

        // A server must not be able to send the client to local files or other protocols.
        for target in ["file:///etc/hostname", "ftp://127.0.0.1/x"] {
            server.inject(.redirect(to: target), path: "/sneaky")
            let refused = try #require(HTTPTest.failure(client, HTTPRequest(url: server.baseURL + "/sneaky")))
            #expect(refused.message.contains("not supported") || refused.message.contains("disabled"), "got \(refused.message)")
        }
        #expect(server.requestCount(path: "/sneaky") == 2, "not retried")
    }

    @Test func readsFileURLsThroughLibcurl() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        try folder.write("index/al/ch/alchemy-llm", "line one\nline two\n")
        let client = try HTTPTest.client()

        let response = try client.get(HTTPRequest(url: "file://\(folder.path)/index/al/ch/alchemy-llm"))
        #expect(response.status == 200)
        #expect(HTTPTest.text(response) == "line one\nline two\n")

        let missing = "file://\(folder.path)/index/no/ne/nonexistent"
        let error = try #require(HTTPTest.failure(client, HTTPRequest(url: missing)))
        #expect(error.url == missing && error.status == nil)
        #expect(error.message.contains("Couldn't"), "libcurl's own message, got \(error.message)")
        let folderURL = "file://\(folder.path)/index"
        let folderError = try #require(HTTPTest.failure(client, HTTPRequest(url: folderURL)))
        #expect(folderError.message == "\(folder.path)/index is a folder, not a file")
    }

    @Test func badURLsAreOneLineErrorsNamingTheURL() throws {
        let client = try HTTPTest.client()
        let cases: [(String, String)] = [
            ("ftp://127.0.0.1/index", "unsupported URL scheme \"ftp\""),
            ("gopher://127.0.0.1/", "unsupported URL scheme \"gopher\""),
            ("", "empty URL"),
            ("http://127.0.0.1/a\r\nX-Injected: 1", "control character"),
            ("http://127.0.0.1/\u{0}", "control character"),
            ("not a url", "not a valid URL"),
            ("http://[::1", "not a valid URL"),
        ]
        for (url, expected) in cases {
            let error = try #require(HTTPTest.failure(client, HTTPRequest(url: url)), "\(url) must fail")
            #expect(error.url == url)
            #expect(error.message.contains(expected), "\(url): got \(error.message)")
            #expect(!error.description.contains("\n") && !error.description.contains("\r"), "one line")
        }
        let capped = try #require(HTTPTest.failure(client, HTTPRequest(url: "http://127.0.0.1:1/", maxBodyBytes: 0)))
        #expect(capped.message == "maxBodyBytes must be positive, got 0")
        #expect(client.statistics.total == 0, "nothing was sent")
    }

    @Test func invalidOptionsAreRefusedUpFront() {
        let broken: [(inout HTTPOptions) -> Void] = [
            { $0.totalTimeout = .nan }, { $0.connectTimeout = 0 }, { $0.stallTimeout = .infinity },
            { $0.baseDelay = -1 }, { $0.ratePerHost = 0 }, { $0.concurrency = 0 }, { $0.retries = -1 },
            { $0.maxBodyBytes = 0 }, { $0.userAgent = "a\r\nb" }, { $0.userAgent = "" }, { $0.maxRedirects = -1 },
        ]
        for configure in broken {
            #expect(throws: HTTPOptionsError.self) { _ = try HTTPTest.client(configure) }
        }
    }

    @Test func getAllReturnsResultsInRequestOrder() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        for i in 0..<200 { try folder.write("crates/c\(i)", "body of crate \(i)\n" + String(repeating: "x", count: i * 37)) }
        let server = try LoopbackHTTPServer(root: folder.path)
        defer { server.stop() }
        let client = try HTTPTest.client { $0.concurrency = 8 }
        var requests = (0..<200).map { HTTPRequest(url: server.baseURL + "/crates/c\($0)") }
        requests.append(HTTPRequest(url: server.baseURL + "/crates/missing"))

        let results = client.getAll(requests)

        #expect(results.count == 201)
        for i in 0..<200 {
            let body = try results[i].get().body
            #expect(String(decoding: body, as: UTF8.self) == "body of crate \(i)\n" + String(repeating: "x", count: i * 37))
        }
        guard case .failure(let error) = results[200] else { Issue.record("a missing file must fail"); return }
        #expect(error.status == 404 && error.url.hasSuffix("/crates/missing"))
        #expect(server.requests.count == 201)
    }

    @Test func ratePerHostSpacesRequests() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        try folder.write("f", "x")
        let server = try LoopbackHTTPServer(root: folder.path)
        defer { server.stop() }
        let client = try HTTPTest.client { $0.ratePerHost = 5 }

        let elapsed = try HTTPTest.seconds {
            let results = client.getAll((0..<6).map { _ in HTTPRequest(url: server.baseURL + "/f") })
            for result in results { _ = try result.get() }
        }

        #expect(elapsed >= 1.0, "6 requests at 5/s need at least 1 s, took \(elapsed)")
        #expect(elapsed < 3)
        #expect(server.requestCount(path: "/f") == 6)
    }

    @Test func isSafeToShareBetweenThreads() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        for i in 0..<8 { try folder.write("t\(i)", "thread \(i)") }
        let server = try LoopbackHTTPServer(root: folder.path)
        defer { server.stop() }
        let client = try HTTPTest.client()
        let failures = HTTPTestCounter()

        DispatchQueue.concurrentPerform(iterations: 8) { i in
            for _ in 0..<10 {
                let body = try? client.get(HTTPRequest(url: server.baseURL + "/t\(i)")).body
                if body != Array("thread \(i)".utf8) { failures.increment() }
            }
        }

        #expect(failures.value == 0)
        #expect(client.statistics.total == 80)
        #expect(server.requests.count == 80)
    }
}
