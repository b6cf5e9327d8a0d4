import Foundation

/// Writes that leave either the old file or the whole new one, never half of it.
///
/// An existing file keeps its permission bits (a read-only manifest stays 0444, a script stays
/// 0755) and, where the process may, its owner. A symbolic link is never replaced by a regular
/// file nor written through: whether it points into the repository, outside it, or nowhere, the
/// write is refused with one error naming the link.
public enum AtomicFile {
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Permission bits of a file written where there was none.
    static let newFileMode: mode_t = 0o644

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes to a temporary file in the same folder, then renames it over `path`.
    public static func write(_ data: Data, to path: String) throws {
        // lstat, not stat: the link itself, not what it points at.
        var existing = stat()
        let exists = lstat(path, &existing) == 0
        if exists {
            switch existing.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFLNK: throw WriteError(path: path, reason: linkReason(path))
            case S_IFDIR: throw WriteError(path: path, reason: "is a folder")
            default: throw WriteError(path: path, reason: "not a regular file")
            }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "cannot create \(folder.path): \(reason(error))")
        }
        // A unique temporary name: two writers of one path (threads or processes) never share it.
        var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let ok = writeAll(data, to: fd)
        let why = ok ? nil : String(cString: strerror(errno))
        if exists {
            // The file stays what it was: its owner when the process may set it (root editing a
            // user's checkout), then its mode (after chown, which may clear set-id bits).
            if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                _ = fchown(fd, existing.st_uid, existing.st_gid)
            }
            fchmod(fd, existing.st_mode & 0o7777)
        } else {
            // Files others read (evidence, plans) get ordinary permissions, not mkstemp's 0600.
            fchmod(fd, newFileMode)
        }
        close(fd)
        guard ok else {
            unlink(temp)
            throw WriteError(path: path, reason: why ?? "write failed")
        }
        guard rename(temp, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError(path: path, reason: why)
        }
    }

    /// Creates a file that must not exist yet (nor be a link), with `mode` from the start: for
    /// keys, which are never replaced and never readable by others, not even for a moment.
    public static func create(_ data: Data, at path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let why = errno == EEXIST ? (linkTarget(path) != nil ? linkReason(path) : "exists; gatekeeper does not replace it") : String(cString: strerror(errno))
            throw WriteError(path: path, reason: why)
        }
        fchmod(fd, mode)   // the umask may have taken bits away; it may not add any
        let ok = writeAll(data, to: fd)
        let why = ok ? nil : String(cString: strerror(errno))
        close(fd)
        guard ok else {
            unlink(path)
            throw WriteError(path: path, reason: why ?? "write failed")
        }
    }

    /// Every byte, through short writes and interruptions; false on an error (errno says which).
    private static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        var written = 0
        return data.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
    }

    /// Why a link is not written, with where it points.
    static func linkReason(_ path: String) -> String {
        let target = linkTarget(path).map { " (to \(PrintableText.line($0)))" } ?? ""
        return "is a symbolic link\(target); gatekeeper neither replaces a link with a file nor writes through one"
    }

    /// Where the link at `path` points, as written in the link; nil when `path` is no link.
    public static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first component of `relative` (a '/'-separated path under `root`) that is a symbolic
    /// link, checked with lstat from `root` down, with where it points (control characters
    /// escaped, for a one-line message); nil when none is. The walk stops at the first component
    /// that does not exist: nothing below it can be a link yet. `root` itself is not judged.
    public static func symbolicLink(in relative: String, under root: String) -> (path: String, target: String)? {
        var current = root
        var walked: [Substring] = []
        for component in relative.split(separator: "/") where component != "." {
            walked.append(component)
            current = current.hasSuffix("/") ? current + component : current + "/" + component
            var st = stat()
            guard lstat(current, &st) == 0 else { return nil }
            if st.st_mode & S_IFMT == S_IFLNK {
                return (walked.joined(separator: "/"), PrintableText.line(linkTarget(current) ?? "?"))
            }
        }
        return nil
    }

    /// The underlying POSIX reason when Foundation wraps one, else Foundation's own text.
    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
