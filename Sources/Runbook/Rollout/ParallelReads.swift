import Foundation
import Usage

/// Reads several run captures at once, one per core: each is an independent pass over tens of MB.
enum ParallelReads {
    static func captures(_ files: [String]) -> [Result<RunCapture, Error>] {
        let box = ResultsBox(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            box.set(k, Result { try CaptureReader.read(file: files[k]) })
        }
        return box.results
    }

    private final class ResultsBox: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<RunCapture, Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ r: Result<RunCapture, Error>) { lock.lock(); slots[k] = r; lock.unlock() }
        var results: [Result<RunCapture, Error>] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0 ?? .failure(CaptureError(file: "?", message: "not read")) }
        }
    }
}
