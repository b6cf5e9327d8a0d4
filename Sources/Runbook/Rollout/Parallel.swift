import Foundation

/// Runs independent pieces of work side by side, one per core, and hands back each one's
/// result in the order asked (captures read in tens of MB each, cargo's confirmations of
/// separate lockfiles).
enum Parallel {
    static func map<Item: Sendable, Value>(_ items: [Item], _ body: @escaping @Sendable (Item) throws -> Value) -> [Result<Value, Error>] {
        let box = ResultsBox<Value>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { k in
            box.set(k, Result { try body(items[k]) })
        }
        return box.results
    }

    private final class ResultsBox<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Value, Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ r: Result<Value, Error>) { lock.lock(); slots[k] = r; lock.unlock() }
        var results: [Result<Value, Error>] {
            lock.lock()
            defer { lock.unlock() }
            // concurrentPerform returns only after every iteration, so every slot is set.
            return slots.map { $0! }
        }
    }
}
