import Foundation
import Runbook
import Testing

@Suite struct ShellCommandTests {
    func temp() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gk-shell-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func mergesOutputIntoTheLogAndHandsOverLines() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = LockedLines()
        let outcome = try ShellCommand("echo out; echo err >&2; pwd; exit 3", in: dir).run(log: dir + "/logs/x.log") { lines.append($0) }
        #expect(outcome.exitCode == 3)
        #expect(!outcome.succeeded)
        #expect(lines.all == ["out", "err", dir])
        #expect(try String(contentsOfFile: dir + "/logs/x.log", encoding: .utf8) == "out\nerr\n\(dir)\n")
    }

    @Test func aTimeoutEndsTheWholeProcessGroup() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let start = Date()
        let outcome = try ShellCommand("sleep 30 & echo $! > bg.pid; sleep 30", in: dir, timeoutSeconds: 0.5).run()
        #expect(outcome.timedOut)
        #expect(outcome.exitCode == nil)
        #expect(Date().timeIntervalSince(start) < 5)
        let pid = Int32(try String(contentsOfFile: dir + "/bg.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(pid > 0)
        usleep(200_000)
        // Gone, or a zombie waiting for its reaper: either way no longer running.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init)
        #expect(stat.isEmpty || state == "Z", "the background child of the command was killed too (state \(state ?? "?"))")
    }

    @Test func aMissingFolderIsALaunchError() {
        #expect(throws: ShellCommand.LaunchError.self) { try ShellCommand("true", in: "/nonexistent/dir").run() }
    }

    @Test func theEnvironmentIsPassed() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = LockedLines()
        _ = try ShellCommand("echo $GK_TEST_VALUE", in: dir, environment: ["GK_TEST_VALUE": "hello", "PATH": "/usr/bin:/bin"]).run { lines.append($0) }
        #expect(lines.all == ["hello"])
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
