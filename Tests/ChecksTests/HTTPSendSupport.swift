import Checks
import Foundation
import TestSupport
import HTTP

/// Helpers for the `HTTPClient.send` tests.
enum HTTPSend {
    /// The error a send failed with, or nil when it succeeded.
    static func failure(_ client: HTTPClient, _ request: HTTPSendRequest) -> HTTPError? {
        do {
            _ = try client.send(request)
            return nil
        } catch {
            return error
        }
    }

    /// A port on 127.0.0.1 where nothing listens (a server's, after it stopped).
    static func closedPort() throws -> Int {
        let server = try LoopbackHTTPServer()
        let port = server.port
        server.stop()
        return port
    }

    static func json(_ text: String) -> [UInt8] { Array(text.utf8) }
}
