import Foundation

/// One client connection: reads requests, logs them, plays injected faults, answers.
struct Connection {
    let fd: Int32
    let server: ServerState

    /// How the connection should end once `serve` returns.
    enum Ending { case close, reset }

    func serve() -> Ending {
        var reader = RequestReader(fd: fd)
        while !server.isStopped {
            let request: RequestReader.Request
            switch reader.next() {
            case .closed: return .close
            case .malformed(let status):
                Socket.sendAll(fd, Response(status: status).bytes(head: false, keepAlive: false))
                return .close
            case .request(let r): request = r
            }
            let logged = LoopbackHTTPServer.LoggedRequest(method: request.method, path: request.target,
                                                          headers: request.headers, body: request.body)
            server.record(logged)
            let keepAlive = request.keepAlive
            var response: Response
            if let fault = server.takeFault(target: request.target, path: request.path) {
                switch play(fault, request, logged) {
                case .respond(let answer): response = answer
                case .end(let ending): return ending
                }
            } else {
                response = normalResponse(request, logged)
            }
            let head = request.method == "HEAD"
            let latency = server.latency
            if latency > 0 { Thread.sleep(forTimeInterval: latency) }
            guard Socket.sendAll(fd, response.bytes(head: head, keepAlive: keepAlive && !response.closes)),
                  keepAlive, !response.closes else { return .close }
        }
        return .close
    }

    private enum Play {
        case respond(Response)
        case end(Ending)
    }

    /// Plays a fault: a response to send, or how the connection ends now.
    private func play(_ fault: LoopbackHTTPServer.Fault, _ request: RequestReader.Request,
                      _ logged: LoopbackHTTPServer.LoggedRequest) -> Play {
        switch fault {
        case .status(let status, let headers, let body):
            return .respond(Response(status: status, headers: headers, body: Array(body.utf8)))
        case .redirect(let location, let status):
            return .respond(Response(status: status, headers: ["Location": location]))
        case .body(let bytes, let headers):
            return .respond(Response(status: 200, headers: headers, body: bytes))
        case .closeWithoutResponse:
            return .end(.close)
        case .resetMidBody, .truncatedBody:
            var full = normalResponse(request, logged)
            if full.body.count < 2 { full = Response(status: 200, body: Self.filler) }
            // Declares the whole body, sends half of it.
            let head = full.bytes(head: true, keepAlive: false)
            Socket.sendAll(fd, head + full.body.prefix(full.body.count / 2))
            if case .resetMidBody = fault { return .end(.reset) }
            return .end(.close)
        case .stall(let seconds):
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if server.isStopped { return .end(.close) }
                if Socket.waitReadable(fd, seconds: min(0.1, deadline.timeIntervalSinceNow)), Socket.peerClosed(fd) { return .end(.close) }
            }
            return .respond(normalResponse(request, logged))
        case .gzipTruncated:
            let full = normalResponse(request, logged)
            let plain = full.status == 200 && !full.body.isEmpty ? full.body : Self.filler
            var answer = Response(status: 200, headers: ["Content-Encoding": "gzip"], body: Gzip.truncated(plain))
            answer.closes = true
            return .respond(answer)
        }
    }

    /// A route, else a static file, else 404.
    private func normalResponse(_ request: RequestReader.Request, _ logged: LoopbackHTTPServer.LoggedRequest) -> Response {
        if let handler = server.handler(target: request.target, path: request.path) {
            let answer = handler(logged)
            return Response(status: answer.status, headers: answer.headers, body: answer.body)
        }
        if let root = server.root {
            return StaticFiles(root: root).respond(to: request)
        }
        return Response(status: 404, body: Array("not found\n".utf8))
    }

    /// Body for faults on paths that have none of their own.
    static let filler: [UInt8] = Array(String(repeating: "gatekeeper loopback filler line\n", count: 256).utf8)
}
