import Checks
import Foundation
import Testing
import TestSupport
import HTTP

/// A POST must never be repeated once the server may have acted on it; GET, PUT and PATCH may.
@Suite struct HTTPSendRetryTests {
    private static let body = HTTPSend.json(#"{"title":"t","head":"h","base":"main"}"#)

    private static func serve() throws -> (LoopbackHTTPServer, String) {
        let server = try LoopbackHTTPServer()
        server.route("/pulls") { request in
            (request.method == "POST" ? 201 : 200, [:], HTTPSend.json(#"{"number":1}"#))
        }
        return (server, server.baseURL + "/pulls")
    }

    @Test func aPostIsNotRetriedOnA500() throws {
        let (server, url) = try Self.serve()
        defer { server.stop() }
        server.inject(.status(500, body: "boom"), path: "/pulls")
        let client = try HTTPTest.client()

        let error = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: url, body: Self.body)))

        #expect(error.status == 500)
        #expect(error.message == "HTTP 500 Internal Server Error: boom")
        #expect(server.requestCount(path: "/pulls") == 1, "exactly one request")
    }

    @Test func aPostIsRetriedOnA503WithRetryAfter() throws {
        let (server, url) = try Self.serve()
        defer { server.stop() }
        server.inject(.status(503, headers: ["Retry-After": "1"]), path: "/pulls")
        let client = try HTTPTest.client()

        var response: HTTPResponse?
        let elapsed = try HTTPTest.seconds {
            response = try client.send(HTTPSendRequest(method: "POST", url: url, body: Self.body))
        }

        #expect(response?.status == 201 && response?.attempts == 2)
        #expect(elapsed >= 0.9, "waited \(elapsed) s")
        #expect(server.requests.map(\.body) == [Self.body, Self.body], "the same body both times")
    }

    @Test func aPostIsNotRetriedOnA503WithoutRetryAfter() throws {
        let (server, url) = try Self.serve()
        defer { server.stop() }
        server.inject(.status(503), path: "/pulls")
        let client = try HTTPTest.client()

        let error = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: url, body: Self.body)))

        #expect(error.status == 503)
        #expect(server.requestCount(path: "/pulls") == 1)
    }

    @Test func aPostIsRetriedOnA429() throws {
        let (server, url) = try Self.serve()
        defer { server.stop() }
        server.inject(.status(429), path: "/pulls")
        let client = try HTTPTest.client()

        let response = try client.send(HTTPSendRequest(method: "POST", url: url, body: Self.body))

        #expect(response.status == 201 && response.attempts == 2)
    }

    @Test func aPostIsNotRetriedWhenTheConnectionDropsAfterItWasSent() throws {
        let (server, url) = try Self.serve()
        defer { server.stop() }
        server.inject(.closeWithoutResponse, path: "/pulls")
        let client = try HTTPTest.client()

        let error = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: url, body: Self.body)))

        #expect(error.status == nil)
        #expect(server.requestCount(path: "/pulls") == 1, "exactly one request: \(error)")
    }

    @Test func aPostIsNotResentOnAKeptAliveConnectionThatDrops() throws {
        let (server, url) = try Self.serve()
        defer { server.stop() }
        let client = try HTTPTest.client()
        // Leaves a kept-alive connection in the client's pool.
        _ = try client.send(HTTPSendRequest(method: "GET", url: url))
        server.inject(.closeWithoutResponse, path: "/pulls")

        let error = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: url, body: Self.body)))

        #expect(error.status == nil)
        #expect(server.requests.map(\.method) == ["GET", "POST"], "libcurl must not resend it by itself")
    }

    @Test func aPostIsRetriedWhenItCouldNotBeSentAtAll() throws {
        let url = "http://127.0.0.1:\(try HTTPSend.closedPort())/pulls"
        let client = try HTTPTest.client { $0.retries = 2 }

        let error = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: url, body: Self.body)))

        #expect(error.status == nil)
        #expect(error.message.hasSuffix("(after 3 attempts)"), "\(error)")
    }

    @Test func aPatchIsRetriedAfterADropAndA500() throws {
        let (server, url) = try Self.serve()
        defer { server.stop() }
        // The drop comes first, on a fresh connection: on a reused one libcurl would resend by itself.
        server.inject(.closeWithoutResponse, path: "/pulls")
        server.inject(.status(500), path: "/pulls")
        let client = try HTTPTest.client()

        let response = try client.send(HTTPSendRequest(method: "PATCH", url: url, body: Self.body))

        #expect(response.status == 200 && response.attempts == 3)
        #expect(server.requests.map(\.method) == ["PATCH", "PATCH", "PATCH"])
    }
}
