import Foundation

/// Thin POSIX socket calls for the loopback server (Glibc on Linux, Darwin on macOS).
enum Socket {
    #if os(Linux)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let streamType = SOCK_STREAM
    private static let noSignal: Int32 = 0
    #endif

    struct Failure: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    /// A listening TCP socket on 127.0.0.1 and an ephemeral port; returns it and the port.
    static func listenOnLoopback(backlog: Int32 = 1024) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw Failure(call: "socket", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { let code = errno; close(fd); throw Failure(call: "bind", code: code) }
        guard listen(fd, backlog) == 0 else { let code = errno; close(fd); throw Failure(call: "listen", code: code) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { let code = errno; close(fd); throw Failure(call: "getsockname", code: code) }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Blocks for the next connection; nil once the listening socket is shut down.
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = Foundation.accept(listener, nil, nil)
            if fd >= 0 { return fd }
            if errno == EINTR || errno == ECONNABORTED { continue }
            return nil
        }
    }

    /// Sends every byte, or gives up when the peer is gone.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, noSignal)
                if sent < 0 && errno == EINTR { continue }
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    /// Reads what is there (blocking for at least one byte); 0 at end of stream, -1 on error.
    static func receive(_ fd: Int32, into buffer: inout [UInt8], max: Int = 64 * 1024) -> Int {
        var chunk = [UInt8](repeating: 0, count: max)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]) }
            return count
        }
    }

    /// Waits up to `seconds` for the peer to send or hang up; true when it did either.
    static func waitReadable(_ fd: Int32, seconds: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let result = poll(&entry, 1, Int32(max(0, min(seconds, 3600)) * 1000))
        return result > 0
    }

    /// True when the peer has closed its end (a zero-byte peek).
    static func peerClosed(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) == 0
    }

    /// Closes with an RST instead of a FIN: SO_LINGER on, zero seconds.
    static func closeWithReset(_ fd: Int32) {
        var linger = Foundation.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Foundation.linger>.size))
        close(fd)
    }

    static func shutdownBoth(_ fd: Int32) {
        _ = Foundation.shutdown(fd, Int32(SHUT_RDWR))
    }
}
