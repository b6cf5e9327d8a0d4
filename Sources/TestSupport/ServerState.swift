import Foundation

/// Everything the server's threads share. Separate from `LoopbackHTTPServer` so that the
/// threads do not keep the public object alive: its deinit is what stops them.
final class ServerState: @unchecked Sendable {
    typealias LoggedRequest = LoopbackHTTPServer.LoggedRequest
    typealias Fault = LoopbackHTTPServer.Fault

    let root: String?
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false
    private var connections: Set<Int32> = []
    private var threadsRunning = 0
    private var requestLog: [LoggedRequest] = []
    private var faults: [String: [Fault]] = [:]
    private var routes: [String: LoopbackHTTPServer.Handler] = [:]
    private var prefixRoutes: [(prefix: String, handler: LoopbackHTTPServer.Handler)] = []
    private var delay: Double = 0
    private let acceptFinished = DispatchSemaphore(value: 0)

    init(listener: Int32, root: String?) {
        self.listener = listener
        self.root = root
    }

    var isStopped: Bool { locked { stopped } }
    /// Seconds every response waits before it is sent (a simulated network round trip).
    var latency: Double {
        get { locked { delay } }
        set { locked { delay = newValue } }
    }
    var log: [LoggedRequest] { locked { requestLog } }

    func startAccepting() {
        let thread = Thread { [self] in
            while let fd = Socket.accept(listener) {
                guard register(fd) else { close(fd); break }
                let worker = Thread { [self] in
                    let ending = Connection(fd: fd, server: self).serve()
                    release(fd)
                    if ending == .reset { Socket.closeWithReset(fd) } else { close(fd) }
                    locked { threadsRunning -= 1 }
                }
                worker.stackSize = 1 << 20
                worker.start()
            }
            close(listener)
            acceptFinished.signal()
        }
        thread.start()
    }

    func stop() {
        let first: Bool = locked {
            defer { stopped = true }
            for fd in connections { Socket.shutdownBoth(fd) }
            return !stopped
        }
        guard first else { return }
        // Wakes the blocked accept(); the accept thread then closes the listener.
        Socket.shutdownBoth(listener)
        acceptFinished.wait()
        // Connection threads see their sockets shut down and finish; wait a little for them.
        let deadline = Date().addingTimeInterval(2)
        while locked({ threadsRunning }) > 0 && Date() < deadline { usleep(2000) }
    }

    /// Adds a connection, unless the server is stopping; counts its thread.
    private func register(_ fd: Int32) -> Bool {
        locked {
            guard !stopped else { return false }
            connections.insert(fd)
            threadsRunning += 1
            return true
        }
    }

    /// Forgets a connection before its descriptor is closed, so stop() never touches a reused number.
    func release(_ fd: Int32) {
        locked { _ = connections.remove(fd) }
    }

    func record(_ request: LoggedRequest) { locked { requestLog.append(request) } }
    func clearLog() { locked { requestLog.removeAll() } }

    func inject(_ fault: Fault, path: String, times: Int) {
        guard times > 0 else { return }
        locked { faults[path, default: []] += Array(repeating: fault, count: min(times, 100_000)) }
    }

    /// The next queued fault for this request, consumed.
    func takeFault(target: String, path: String) -> Fault? {
        locked {
            for key in [target, path] {
                if var queue = faults[key], !queue.isEmpty {
                    let fault = queue.removeFirst()
                    faults[key] = queue
                    return fault
                }
            }
            return nil
        }
    }

    func route(_ path: String, _ handler: @escaping LoopbackHTTPServer.Handler) {
        locked { routes[path] = handler }
    }

    func routePrefix(_ prefix: String, _ handler: @escaping LoopbackHTTPServer.Handler) {
        locked {
            prefixRoutes.removeAll { $0.prefix == prefix }
            prefixRoutes.append((prefix, handler))
        }
    }

    /// An exact route first; else the longest prefix route that the path starts with.
    func handler(target: String, path: String) -> LoopbackHTTPServer.Handler? {
        locked {
            routes[target] ?? routes[path]
                ?? prefixRoutes.filter { path.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.handler
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
