import Foundation

/// The client's running `HTTPStatistics`, shared by every thread using the client.
final class StatisticsCounter: @unchecked Sendable {
    private var value = HTTPStatistics()
    private let lock = NSLock()

    var snapshot: HTTPStatistics {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func add(sent: Int) {
        lock.lock()
        value.total += sent
        lock.unlock()
    }

    func addNotModified() {
        lock.lock()
        value.notModified += 1
        lock.unlock()
    }
}
