import Foundation

/// One rollout at a time per repository: a lock file holding the owner's pid. A lock left by a
/// process that no longer exists (killed mid-rollout) is taken over.
final class RolloutLock {
    let path: String
    private var held = false

    init(directory: String) throws {
        path = (directory as NSString).appendingPathComponent("rollout.lock")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for _ in 0..<2 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let pid = "\(getpid())\n"
                _ = pid.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                held = true
                return
            }
            let owner = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let owner, owner != getpid(), kill(owner, 0) == 0 {
                throw RolloutError("another rollout is running in this repository (pid \(owner), \(path))")
            }
            unlink(path)
        }
        throw RolloutError("cannot take the rollout lock \(path)")
    }

    func release() {
        if held { unlink(path) }
        held = false
    }

    deinit { release() }
}
