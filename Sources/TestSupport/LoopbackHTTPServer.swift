import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for tests and benchmarks: static files with validators,
/// custom routes, injected faults, and a log of every request. One thread per connection,
/// keep-alive. Stops on `stop()` or when the last reference goes away, so keep the server
/// referenced until the test is done with it (e.g. check its log at the end).
public final class LoopbackHTTPServer: @unchecked Sendable {
    public struct LoggedRequest: Sendable {
        public let method: String
        /// The request target as sent, query string included.
        public let path: String
        /// Lower-cased names.
        public let headers: [String: String]
        public let body: [UInt8]
    }

    public enum Fault: Sendable {
        /// Answer with this status, headers and body.
        case status(Int, headers: [String: String] = [:], body: String = "")
        /// Read the request, then close the connection without a word.
        case closeWithoutResponse
        /// Send the normal response's headers and half its body, then RST (SO_LINGER 0).
        case resetMidBody
        /// Send a Content-Length larger than the body that follows, then close.
        case truncatedBody
        /// Send nothing for that long (or until the client gives up), then answer normally.
        case stall(seconds: Double)
        /// Answer with a redirect to `to`.
        case redirect(to: String, status: Int = 302)
        /// Content-Encoding: gzip with the gzip stream cut off (Content-Length matches what is
        /// sent, so only the gzip decoder can tell), then close.
        case gzipTruncated
        /// Answer 200 with this body and these headers.
        case body([UInt8], headers: [String: String] = [:])
    }

    public typealias Handler = @Sendable (LoggedRequest) -> (status: Int, headers: [String: String], body: [UInt8])

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let state: ServerState

    /// Binds 127.0.0.1 on an ephemeral port and starts serving; `root` is a folder of static files.
    public init(root: String? = nil) throws {
        let (fd, port) = try Socket.listenOnLoopback()
        self.port = port
        state = ServerState(listener: fd, root: root)
        state.startAccepting()
    }

    deinit { state.stop() }

    /// Stops accepting, closes every connection, waits for the server's threads (bounded).
    public func stop() { state.stop() }

    /// Seconds every response waits before it is sent, to stand in for a network round trip
    /// (benchmarks of concurrency mean nothing on a loopback that answers in microseconds).
    public var latency: Double {
        get { state.latency }
        set { state.latency = newValue }
    }

    /// Every request received so far, in arrival order.
    public var requests: [LoggedRequest] { state.log }

    /// Requests whose target, or target without its query string, is `path`.
    public func requestCount(path: String) -> Int {
        state.log.filter { $0.path == path || $0.path.prefix(while: { $0 != "?" }) == path }.count
    }

    public func resetLog() { state.clearLog() }

    /// Queues `fault` for the next `times` requests to `path` (target with or without query);
    /// queued faults are used in order, one per request, before normal serving resumes.
    public func inject(_ fault: Fault, path: String, times: Int = 1) {
        state.inject(fault, path: path, times: times)
    }

    /// Serves `path` (exact target, or target without query) with `handler`, for any method.
    public func route(_ path: String, _ handler: @escaping Handler) {
        state.route(path, handler)
    }

    /// Serves every path that starts with `prefix` (query not considered) with `handler`, for
    /// any method; exact routes win, then the longest prefix. For APIs with ids in their paths.
    public func routePrefix(_ prefix: String, _ handler: @escaping Handler) {
        state.routePrefix(prefix, handler)
    }
}
