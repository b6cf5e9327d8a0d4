import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one `/bin/sh -c` command the way a rollout needs: in a folder, in its own process group
/// (so a timeout ends the whole tree it started), stdout and stderr merged into one stream that
/// goes to a log file and, line by line, to whoever watches.
public struct ShellCommand: Sendable {
    public struct Outcome: Sendable, Equatable {
        /// nil when it was killed for running past the timeout.
        public let exitCode: Int32?
        public let timedOut: Bool
        public let durationSeconds: Double
        public var succeeded: Bool { exitCode == 0 && !timedOut }
    }

    public struct LaunchError: Error, Sendable, CustomStringConvertible {
        public let command: String
        public let reason: String
        public var description: String { "cannot run \(command): \(reason)" }
    }

    public var command: String
    public var directory: String
    public var environment: [String: String]
    public var timeoutSeconds: Double?

    public init(_ command: String, in directory: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                timeoutSeconds: Double? = nil) {
        self.command = command
        self.directory = directory
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
    }

    /// Runs to the end. Output is appended to `log` (created) and handed to `onLine` as it comes.
    public func run(log: String? = nil, onLine: (@Sendable (String) -> Void)? = nil) throws -> Outcome {
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw LaunchError(command: command, reason: String(cString: strerror(errno))) }
        let (readFD, writeFD) = (pipeFDs[0], pipeFDs[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeFD, 1)
        posix_spawn_file_actions_adddup2(&actions, writeFD, 2)
        posix_spawn_file_actions_addclose(&actions, readFD)
        posix_spawn_file_actions_addclose(&actions, writeFD)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: a timeout kills everything the command started, not just sh.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)

        guard FileManager.default.fileExists(atPath: directory) else {
            close(readFD); close(writeFD)
            throw LaunchError(command: command, reason: "no such folder \(directory)")
        }
        // The folder and the command travel as arguments, so no quoting can go wrong.
        let argv = ["/bin/sh", "-c", "cd -- \"$1\" || exit 126; exec /bin/sh -c \"$2\"", "gatekeeper", directory, command]
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }

        var logFD: Int32 = -1
        if let log {
            try FileManager.default.createDirectory(atPath: (log as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            logFD = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard logFD >= 0 else {
                close(readFD); close(writeFD)
                throw LaunchError(command: command, reason: "cannot open log \(log): \(String(cString: strerror(errno)))")
            }
        }
        defer { if logFD >= 0 { close(logFD) } }

        var pid = pid_t()
        let start = Date()
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArgs, cEnv)
        close(writeFD)
        guard rc == 0 else {
            close(readFD)
            throw LaunchError(command: command, reason: String(cString: strerror(rc)))
        }

        var timedOut = false
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = timeoutSeconds.map { start.addingTimeInterval($0) }
        while true {
            var waitMS: Int32 = 200
            if let deadline {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 {
                    timedOut = true
                    killGroup(pid)
                    break
                }
                waitMS = Int32(min(200, max(1, left * 1000)))
            }
            var poller = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, waitMS)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { continue }
            let n = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if logFD >= 0 { _ = buffer.withUnsafeBytes { write(logFD, $0.baseAddress, n) } }
            if let onLine {
                pending += buffer[0..<n]
                while let nl = pending.firstIndex(of: 0x0A) {
                    onLine(String(decoding: pending[..<nl], as: UTF8.self))
                    pending.removeSubrange(...nl)
                }
            }
        }
        close(readFD)
        if let onLine, !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Whatever the command left running in its group goes with it.
        kill(-pid, SIGKILL)
        let signal = status & 0x7F
        let exitCode: Int32? = timedOut ? nil : (signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
        return Outcome(exitCode: exitCode, timedOut: timedOut, durationSeconds: Date().timeIntervalSince(start))
    }

    /// SIGTERM to the group, then SIGKILL after a grace period.
    private func killGroup(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        let grace = Date().addingTimeInterval(2)
        var status: Int32 = 0
        while Date() < grace {
            if waitpid(pid, &status, WNOHANG) == pid {
                kill(-pid, SIGKILL)
                // Reaped; the caller's waitpid will fail with ECHILD, which is fine.
                return
            }
            usleep(20_000)
        }
        kill(-pid, SIGKILL)
    }
}
