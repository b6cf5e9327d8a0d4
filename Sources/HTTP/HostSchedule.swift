import Foundation

/// Per-host start times, so requests to one host begin at least 1/rate seconds apart, across
/// every `get` and `getAll` of a client and every thread using it.
final class HostSchedule: @unchecked Sendable {
    private let interval: Double
    private var nextSlot: [String: Double] = [:]
    private let lock = NSLock()

    init(ratePerSecond: Double) {
        interval = 1 / ratePerSecond
    }

    /// Claims the host's next slot: the monotonic time at which this request may start.
    func reserve(host: String, now: Double) -> Double {
        lock.lock()
        defer { lock.unlock() }
        let start = max(now, nextSlot[host] ?? now)
        nextSlot[host] = start + interval
        return start
    }
}
