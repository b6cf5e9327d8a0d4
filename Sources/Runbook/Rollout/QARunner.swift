import Foundation
import Usage
import Support

/// Runs the `[rollout] qa` commands in the repository root, each with a timeout and a log file
/// in the evidence folder, `jobs` at a time; every command runs even when one fails.
public enum QARunner {
    public static func run(_ commands: [String], repoRoot: String, evidenceDir: String, jobs: Int, timeoutSeconds: Double,
                           environment: [String: String], observer: RolloutObserver) throws -> [QARecord] {
        let total = commands.count
        let results = Locked<[Result<QARecord, Error>?]>(Array(repeating: nil, count: total))
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, jobs)
        for (index, command) in commands.enumerated() {
            queue.addOperation {
                let log = EvidenceLayout.qaLog(index: index + 1, command: command)
                let source = total == 1 ? "qa" : "qa \(index + 1)"
                observer.note("\(source): \(command)")
                let logPath = (evidenceDir as NSString).appendingPathComponent(log)
                try? FileManager.default.removeItem(atPath: logPath)
                do {
                    let result = try ShellCommand(command, in: repoRoot, environment: environment, timeoutSeconds: timeoutSeconds)
                        .run(log: logPath) { observer.output($0, source: source) }
                    let outcome = QARecord(command: command, exitCode: result.exitCode, durationSeconds: result.durationSeconds,
                                           timedOut: result.timedOut, logPath: log)
                    results.withLock { $0[index] = .success(outcome) }
                } catch {
                    results.withLock { $0[index] = .failure(error) }
                }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return try results.withLock { try $0.compactMap { try $0?.get() } }
    }
}
