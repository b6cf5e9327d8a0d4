import Checks
import Foundation
import Testing
import TestSupport
import HTTP

@Suite struct HTTPSendTests {
    @Test func aPostArrivesByteExactWithItsHeadersAndTheCreatedAnswerComesBack() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/repos/o/r/pulls") { _ in (201, ["Location": "/repos/o/r/pulls/1"], HTTPSend.json(#"{"number":1}"#)) }
        let client = try HTTPTest.client()
        // Non-ASCII and a NUL: the body must go out exactly as given, not as a C string.
        let body = Array(#"{"title":"Bump — ünïcode","body":"line\nbreak"}"#.utf8) + [0] + Array("tail".utf8)

        let response = try client.send(HTTPSendRequest(
            method: "POST", url: server.baseURL + "/repos/o/r/pulls",
            headers: ["Content-Type": "application/json", "Accept": "application/vnd.github+json", "X-Trace": "t-1"],
            body: body))

        #expect(response.status == 201)
        #expect(HTTPTest.text(response) == #"{"number":1}"#)
        #expect(response.headers["location"] == "/repos/o/r/pulls/1")
        #expect(response.attempts == 1 && response.revalidated == false)
        let seen = try #require(server.requests.last)
        #expect(seen.method == "POST")
        #expect(seen.path == "/repos/o/r/pulls")
        #expect(seen.body == body)
        #expect(seen.headers["content-type"] == "application/json")
        #expect(seen.headers["accept"] == "application/vnd.github+json")
        #expect(seen.headers["x-trace"] == "t-1")
        #expect(seen.headers["content-length"] == String(body.count))
        #expect(seen.headers["user-agent"] == HTTPTest.userAgent)
        #expect(seen.headers["expect"] == nil, "no 100-continue round trip")
    }

    @Test func aLargeBodyGoesOutAtOnceWithoutWaitingFor100Continue() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/big") { _ in (201, [:], []) }
        let client = try HTTPTest.client()
        let body = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }

        var response: HTTPResponse?
        let elapsed = try HTTPTest.seconds {
            response = try client.send(HTTPSendRequest(method: "POST", url: server.baseURL + "/big", body: body))
        }

        #expect(response?.status == 201)
        #expect(server.requests.last?.body == body)
        #expect(server.requests.last?.headers["expect"] == nil)
        #expect(elapsed < 0.9, "libcurl waits 1 s for a 100 Continue the server never sends: \(elapsed) s")
    }

    @Test func aPostWithoutAContentTypeIsNotLabelledAsAForm() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/p") { _ in (200, [:], []) }
        let client = try HTTPTest.client()

        _ = try client.send(HTTPSendRequest(method: "POST", url: server.baseURL + "/p", body: Array("raw".utf8)))

        let seen = try #require(server.requests.last)
        #expect(seen.headers["content-type"] == nil)
        #expect(seen.body == Array("raw".utf8))
    }

    @Test func aPatchSendsItsMethodAndBody() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/repos/o/r/pulls/7") { request in
            (200, [:], request.method == "PATCH" ? HTTPSend.json(#"{"number":7}"#) : [])
        }
        let client = try HTTPTest.client()
        let body = HTTPSend.json(#"{"title":"t","body":"b"}"#)

        let response = try client.send(HTTPSendRequest(method: "PATCH", url: server.baseURL + "/repos/o/r/pulls/7",
                                                       headers: ["Content-Type": "application/json"], body: body))

        #expect(response.status == 200 && HTTPTest.text(response) == #"{"number":7}"#)
        let seen = try #require(server.requests.last)
        #expect(seen.method == "PATCH" && seen.body == body)
    }

    @Test func aPutWithNoBodySendsAnEmptyOne() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/lock") { _ in (204, [:], []) }
        let client = try HTTPTest.client()

        let response = try client.send(HTTPSendRequest(method: "PUT", url: server.baseURL + "/lock"))

        #expect(response.status == 204 && response.body.isEmpty)
        let seen = try #require(server.requests.last)
        #expect(seen.method == "PUT" && seen.body.isEmpty && seen.headers["content-length"] == "0")
    }

    @Test func aGetThroughSendNeverUsesTheCache() throws {
        let folder = try HTTPTestFolder()
        defer { folder.remove() }
        try folder.write("index", "cached?")
        let server = try LoopbackHTTPServer(root: folder.path)
        defer { server.stop() }
        let cache = try HTTPTestFolder()
        defer { cache.remove() }
        let client = try HTTPTest.client { $0.cacheDirectory = cache.path }

        for _ in 0..<2 {
            let response = try client.send(HTTPSendRequest(method: "GET", url: server.baseURL + "/index"))
            #expect(response.status == 200 && HTTPTest.text(response) == "cached?" && !response.revalidated)
        }

        #expect(server.requests.allSatisfy { $0.headers["if-none-match"] == nil && $0.headers["if-modified-since"] == nil })
        #expect(cache.files().isEmpty, "nothing stored: \(cache.files())")
    }

    @Test func a422QuotesTheAPIsMessage() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/repos/o/r/pulls") { _ in
            (422, ["Content-Type": "application/json"], HTTPSend.json("""
            {"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom",
             "message":"A pull request already exists for o:deps/x."}],"documentation_url":"https://docs.github.com/rest"}
            """))
        }
        let client = try HTTPTest.client()
        let url = server.baseURL + "/repos/o/r/pulls"

        let error = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: url, body: HTTPSend.json("{}"))))

        #expect(error.status == 422)
        #expect(error.method == "POST")
        #expect(error.message == "HTTP 422 Unprocessable Entity: Validation Failed (A pull request already exists for o:deps/x.)")
        #expect(error.description == "POST \(url): \(error.message)")
        #expect(server.requestCount(path: "/repos/o/r/pulls") == 1)
    }

    @Test func errorsQuoteAPlainTextBodyOnOneLineAndNeverAnHTMLPage() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/text") { _ in (400, [:], Array("bad\r\nrequest:\tno   title\n".utf8)) }
        server.route("/html") { _ in (403, ["Content-Type": "text/html"], Array("<html><body>Forbidden</body></html>".utf8)) }
        server.route("/long") { _ in (400, [:], Array(String(repeating: "x", count: 5000).utf8)) }
        let client = try HTTPTest.client()

        let text = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: server.baseURL + "/text")))
        let html = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: server.baseURL + "/html")))
        let long = try #require(HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: server.baseURL + "/long")))

        #expect(text.message == "HTTP 400 Bad Request: bad request: no title")
        #expect(html.message == "HTTP 403 Forbidden")
        #expect(long.message.count < 400 && long.message.hasSuffix("…"))
    }

    @Test func anAuthorizationValueNeverAppearsInAnError() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        // A careless server that echoes the credentials it was given.
        server.route("/echo-json") { request in
            let given = request.headers["authorization"] ?? ""
            return (401, [:], HTTPSend.json(#"{"message":"Bad credentials: \#(given)","errors":["\#(given.dropFirst(7))"]}"#))
        }
        server.route("/echo-text") { request in (500, [:], Array("auth was \(request.headers["authorization"] ?? "")".utf8)) }
        let client = try HTTPTest.client { $0.retries = 0 }
        let token = "ghp_s3cr3tT0kenValue0123456789"
        let headers = ["Authorization": "Bearer \(token)"]

        let errors = [
            HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: server.baseURL + "/echo-json", headers: headers)),
            HTTPSend.failure(client, HTTPSendRequest(method: "PATCH", url: server.baseURL + "/echo-text", headers: headers)),
            // Bad input: the header check names the header, not its value.
            HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: server.baseURL + "/echo-json",
                                                     headers: ["authorization": "Bearer \(token)\r\nX-Evil: 1"])),
            // A transport error.
            HTTPSend.failure(client, HTTPSendRequest(method: "POST", url: "http://127.0.0.1:\(try HTTPSend.closedPort())/x", headers: headers)),
        ].compactMap { $0 }

        #expect(errors.count == 4)
        for error in errors {
            #expect(!error.description.contains(token), "\(error)")
            #expect(!error.message.contains(token))
        }
        #expect(errors[0].message.contains("Bad credentials: [redacted]"))
        #expect(errors[1].message == "HTTP 500 Internal Server Error: auth was [redacted]")
        #expect(errors[2].message == "header authorization contains a control character")
    }
}
