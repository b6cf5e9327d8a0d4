import Foundation

/// A value shared between threads, reached only under its lock: the one box behind the
/// collectors, result slots and caches that worker threads write.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Lines a child process printed, appended from the thread that reads its output.
public final class CollectedLines: Sendable {
    private let lines = Locked<[String]>([])

    public init() {}

    public func append(_ line: String) { lines.withLock { $0.append(line) } }

    public var text: String { lines.withLock { $0.joined(separator: "\n") } }
}
