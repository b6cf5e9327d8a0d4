import Checks
import Foundation
import Testing
import TestSupport
import HTTP

@Suite struct HTTPSendInputTests {
    /// Each bad request fails with one precise line, and nothing reaches the server.
    @Test func badRequestsAreRefusedBeforeAnythingIsSent() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let client = try HTTPTest.client()
        let url = server.baseURL + "/x"
        let cases: [(HTTPSendRequest, String)] = [
            (HTTPSendRequest(method: "DELETE", url: url), #"unsupported HTTP method "DELETE" (use GET, POST, PATCH or PUT)"#),
            (HTTPSendRequest(method: "post", url: url), #"unsupported HTTP method "post" (use GET, POST, PATCH or PUT)"#),
            (HTTPSendRequest(method: "PO\nST", url: url), #"unsupported HTTP method "PO\u{a}ST" (use GET, POST, PATCH or PUT)"#),
            (HTTPSendRequest(method: "GET", url: url, body: [1]), "a GET request cannot carry a body"),
            (HTTPSendRequest(method: "POST", url: "file:///etc/passwd"), #"unsupported URL scheme "file" (use http or https)"#),
            (HTTPSendRequest(method: "POST", url: ""), "empty URL"),
            (HTTPSendRequest(method: "POST", url: url + "\r\nHost: evil"), "URL contains a control character"),
            (HTTPSendRequest(method: "POST", url: url, headers: ["Bad Name": "v"]), #"header name "Bad Name" is not a valid HTTP token"#),
            (HTTPSendRequest(method: "POST", url: url, headers: ["X-A": "1", "x-a": "2"]), "header x-a is given twice"),
            (HTTPSendRequest(method: "POST", url: url, headers: ["Content-Length": "5"]), "header Content-Length is set by the client from the body"),
            (HTTPSendRequest(method: "POST", url: url, headers: ["X-Note": "a\nb"]), "header X-Note contains a control character"),
            (HTTPSendRequest(method: "POST", url: url, maxBodyBytes: 0), "maxBodyBytes must be positive, got 0"),
        ]

        for (request, message) in cases {
            let error = try #require(HTTPSend.failure(client, request))
            #expect(error.message == message)
            #expect(error.status == nil)
            #expect(!error.description.contains("\n"), "one line: \(error.description)")
        }
        #expect(server.requests.isEmpty)
    }

    @Test func anEmptyHeaderValueIsSentEmpty() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/x") { _ in (200, [:], []) }
        let client = try HTTPTest.client()

        _ = try client.send(HTTPSendRequest(method: "POST", url: server.baseURL + "/x", headers: ["X-Empty": ""]))

        #expect(server.requests.last?.headers["x-empty"] == "")
    }
}
