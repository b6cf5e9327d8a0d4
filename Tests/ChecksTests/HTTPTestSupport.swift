import Checks
import Foundation
import TestSupport
import HTTP

/// A folder under /tmp for one test, removed by `remove()`.
struct HTTPTestFolder {
    let path: String

    init() throws {
        path = "/tmp/gatekeeper-http-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        let file = "\(path)/\(name)"
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }

    /// Every regular file below the folder, relative paths, sorted.
    func files(under sub: String = "") -> [String] {
        let base = sub.isEmpty ? path : "\(path)/\(sub)"
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        return walker.compactMap { $0 as? String }.filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(base)/\($0)", isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

enum HTTPTest {
    static let userAgent = "gatekeeper-tests/0.1.0 (tests@example.invalid)"

    /// A client with short delays, so retry tests stay fast.
    static func client(_ configure: (inout HTTPOptions) -> Void = { _ in }) throws -> HTTPClient {
        var options = HTTPOptions(userAgent: userAgent)
        options.baseDelay = 0.01
        options.maxDelay = 5
        options.connectTimeout = 5
        options.totalTimeout = 20
        configure(&options)
        return try HTTPClient(options: options)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    /// The error a request failed with, or nil when it succeeded.
    static func failure(_ client: HTTPClient, _ request: HTTPRequest) -> HTTPError? {
        do {
            _ = try client.get(request)
            return nil
        } catch {
            return error
        }
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }
}

/// A thread-safe count for tests that run work on several threads.
final class HTTPTestCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
