#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one child run went.
struct ChildResult {
    /// The exit code, or 128 + signal when it was killed.
    let status: Int32
    let wallSeconds: Double
    /// `ru_maxrss` of the child alone (KiB on Linux).
    let peakRSSKiB: Int
}

struct SpawnError: Error, CustomStringConvertible {
    let description: String
}

/// Runs a program with posix_spawn and reaps it with wait4, which hands back that child's own
/// resource usage: no dependency on /usr/bin/time, and no other child is counted.
enum ChildProcess {
    /// `argv[0]` is looked up on PATH when it has no slash. Output goes to the two files.
    static func run(_ argv: [String], stdout: String, stderr: String) throws -> ChildResult {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }

        var pid = pid_t()
        let start = monotonicSeconds()
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
        guard rc == 0 else {
            throw SpawnError(description: "cannot start \(argv[0]): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw SpawnError(description: "wait4 for \(argv[0]): \(String(cString: strerror(errno)))")
            }
        }
        let wall = monotonicSeconds() - start
        // WIFEXITED/WEXITSTATUS are macros Swift cannot import; this is their Linux definition.
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return ChildResult(status: code, wallSeconds: wall, peakRSSKiB: Int(usage.ru_maxrss))
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
