import Foundation

/// A cache file that could not be written.
struct CacheWriteError: Error {
    let path: String
    let reason: String
    var message: String { "cannot write cache file \(path): \(reason)" }
}

/// Whole-file writes for the HTTP cache: a uniquely named temporary file in the same folder,
/// then rename, so readers (other threads, other processes) see the old file or the new one.
enum CacheFile {
    static func write(_ bytes: [UInt8], to path: String) throws(CacheWriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CacheWriteError(path: path, reason: "cannot create \(folder)")
        }
        // Unique per write: two threads may store the same URL at once.
        let name = (path as NSString).lastPathComponent
        let temp = (folder as NSString).appendingPathComponent(".\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp")
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CacheWriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw CacheWriteError(path: path, reason: failure)
        }
    }
}
