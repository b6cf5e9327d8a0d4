import Checks
import Foundation
import Testing
import TestSupport
import HTTP

@Suite struct HTTPRetryTests {
    /// A server with one small file at /index, and its URL.
    private static func serve() throws -> (LoopbackHTTPServer, String, HTTPTestFolder) {
        let folder = try HTTPTestFolder()
        try folder.write("index", String(repeating: "{\"vers\":\"0.1.2\",\"yanked\":false}\n", count: 200))
        let server = try LoopbackHTTPServer(root: folder.path)
        return (server, server.baseURL + "/index", folder)
    }

    private static let indexText = String(repeating: "{\"vers\":\"0.1.2\",\"yanked\":false}\n", count: 200)

    @Test func aServerErrorIsRetried() throws {
        let (server, url, folder) = try Self.serve()
        defer { server.stop(); folder.remove() }
        server.inject(.status(500, body: "boom"), path: "/index")
        let client = try HTTPTest.client()

        let response = try client.get(HTTPRequest(url: url))

        #expect(HTTPTest.text(response) == Self.indexText)
        #expect(response.attempts == 2)
        #expect(server.requestCount(path: "/index") == 2)
        #expect(client.statistics.total == 2)
    }

    @Test func retryAfterIsHonoured() throws {
        let (server, url, folder) = try Self.serve()
        defer { server.stop(); folder.remove() }
        server.inject(.status(503, headers: ["Retry-After": "1"]), path: "/index")
        let client = try HTTPTest.client()

        var response: HTTPResponse?
        let elapsed = try HTTPTest.seconds { response = try client.get(HTTPRequest(url: url)) }

        #expect(elapsed >= 0.9, "waited \(elapsed) s")
        #expect(response?.attempts == 2)
        #expect(server.requestCount(path: "/index") == 2)
    }

    @Test func aRetryAfterLongerThanTheCapFailsSayingSo() throws {
        let (server, url, folder) = try Self.serve()
        defer { server.stop(); folder.remove() }
        server.inject(.status(429, headers: ["Retry-After": "120"]), path: "/index")
        let future = Date().addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        server.inject(.status(429, headers: ["Retry-After": formatter.string(from: future)]), path: "/dated")
        let client = try HTTPTest.client { $0.maxDelay = 5 }

        let error = try #require(HTTPTest.failure(client, HTTPRequest(url: url)))
        #expect(error.status == 429)
        #expect(error.message == "HTTP 429 Too Many Requests: the server asked to wait 120 s, more than the 5 s cap")
        #expect(server.requestCount(path: "/index") == 1)

        let dated = try #require(HTTPTest.failure(client, HTTPRequest(url: server.baseURL + "/dated")))
        #expect(dated.message.contains("the server asked to wait 3"), "an HTTP-date an hour ahead, got \(dated.message)")
    }

    @Test func exhaustedRetriesSayHowManyAttemptsWereMade() throws {
        let (server, url, folder) = try Self.serve()
        defer { server.stop(); folder.remove() }
        server.inject(.status(502), path: "/index", times: 10)
        let client = try HTTPTest.client { $0.retries = 2 }

        let error = try #require(HTTPTest.failure(client, HTTPRequest(url: url)))

        #expect(error.description == "\(url): HTTP 502 Bad Gateway (after 3 attempts)")
        #expect(error.status == 502)
        #expect(server.requestCount(path: "/index") == 3)
    }

    @Test func aStalledServerTimesOut() throws {
        let (server, url, folder) = try Self.serve()
        defer { server.stop(); folder.remove() }
        server.inject(.stall(seconds: 4), path: "/index")
        let client = try HTTPTest.client { $0.stallTimeout = 1; $0.retries = 0 }

        var error: HTTPError?
        let elapsed = HTTPTest.seconds { error = HTTPTest.failure(client, HTTPRequest(url: url)) }

        let failure = try #require(error)
        #expect(failure.status == nil)
        #expect(failure.message.contains("too slow"), "libcurl's message, got \(failure.message)")
        #expect(elapsed < 3.5, "gave up after the stall timeout, not the server's \(elapsed) s")
        #expect(server.requestCount(path: "/index") == 1)
    }

    @Test(arguments: [LoopbackHTTPServer.Fault.resetMidBody, .truncatedBody, .closeWithoutResponse])
    func aBrokenTransferIsRetried(fault: LoopbackHTTPServer.Fault) throws {
        let (server, url, folder) = try Self.serve()
        defer { server.stop(); folder.remove() }
        server.inject(fault, path: "/index")
        let client = try HTTPTest.client()

        let response = try client.get(HTTPRequest(url: url))

        #expect(HTTPTest.text(response) == Self.indexText, "the whole body, never the broken half")
        #expect(response.attempts == 2)
        #expect(server.requestCount(path: "/index") == 2)
    }

    @Test func aTruncatedGzipBodyIsRetriedThenFails() throws {
        let (server, url, folder) = try Self.serve()
        defer { server.stop(); folder.remove() }
        server.inject(.gzipTruncated, path: "/index", times: 3)
        let client = try HTTPTest.client { $0.retries = 2 }

        let error = try #require(HTTPTest.failure(client, HTTPRequest(url: url)))

        #expect(error.message.hasPrefix("gzip body does not decode: "), "got \(error.message)")
        #expect(error.message.hasSuffix("(after 3 attempts)"))
        #expect(server.requestCount(path: "/index") == 3)

        server.inject(.gzipTruncated, path: "/index")
        let recovered = try client.get(HTTPRequest(url: url))
        #expect(HTTPTest.text(recovered) == Self.indexText)
    }

    @Test func anUnreachableServerFailsWithLibcurlsMessage() throws {
        var url = ""
        do {
            let released = try LoopbackHTTPServer()
            url = released.baseURL + "/index"
        }  // the last reference is gone: the server stopped by itself and its port is closed
        let client = try HTTPTest.client { $0.retries = 1 }

        let error = try #require(HTTPTest.failure(client, HTTPRequest(url: url)))

        #expect(error.status == nil)
        #expect(error.message.contains("Couldn't connect to server"), "got \(error.message)")
        #expect(error.message.hasSuffix("(after 2 attempts)"))
    }
}
