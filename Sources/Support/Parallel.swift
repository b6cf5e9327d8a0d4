import Foundation

/// Runs independent pieces of work side by side, one per core, and hands back each one's
/// result in the order asked (captures read in tens of MB each, cargo's confirmations of
/// separate lockfiles).
public enum Parallel {
    public static func map<Item: Sendable, Value>(_ items: [Item], _ body: @escaping @Sendable (Item) throws -> Value) -> [Result<Value, Error>] {
        let slots = Locked<[Result<Value, Error>?]>(Array(repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { k in
            let result = Result { try body(items[k]) }
            slots.withLock { $0[k] = result }
        }
        // concurrentPerform returns only after every iteration, so every slot is set.
        return slots.withLock { $0.map { $0! } }
    }
}
