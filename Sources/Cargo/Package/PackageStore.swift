import Foundation
import Support

/// Verified packages kept on disk, so each is downloaded once. A file is named by name,
/// version and checksum, and checked again on every load: a file changed on disk is dropped,
/// never trusted.
public struct PackageStore: Sendable {
    public let directory: String

    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// e.g. `<cache>/packages`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The cached bytes; nil when absent, or when they no longer match `checksum` (the bad file is removed).
    public func load(name: String, version: String, checksum: String) -> [UInt8]? {
        guard let path = path(name: name, version: version, checksum: checksum),
              let bytes = try? FileBytes.read(path) else { return nil }
        guard SHA256Hex.of(bytes) == checksum.lowercased() else {
            unlink(path)
            return nil
        }
        return bytes
    }

    /// Stores `bytes` atomically. Only verified bytes belong here; bytes that do not match
    /// `checksum` are refused rather than cached.
    public func save(_ bytes: [UInt8], name: String, version: String, checksum: String) throws {
        let package = PackageError.fileName(name: name, version: version)
        guard let path = path(name: name, version: version, checksum: checksum) else {
            throw PackageError(package: package, message: "cannot be cached: the name, version or checksum is not one cargo could publish")
        }
        let actual = SHA256Hex.of(bytes)
        guard actual == checksum.lowercased() else {
            throw PackageError(package: package, message: "checksum mismatch: the index says \(checksum), the download is \(actual)")
        }
        try Self.writeAtomically(bytes, to: path)
    }

    /// `<directory>/<name>/<name>-<version>-<checksum>.crate`, lower-cased like the index.
    /// nil for anything that could step outside the directory: names, versions and checksums
    /// come from a registry, which is not trusted with paths.
    func path(name: String, version: String, checksum: String) -> String? {
        guard (try? IndexPath.validate(name)) != nil, (try? SemVer(version)) != nil,
              SHA256Hex.isWellFormed(checksum) else { return nil }
        let crate = name.lowercased()
        return "\(directory)/\(crate)/\(crate)-\(version)-\(checksum.lowercased()).crate"
    }

    /// Writes a uniquely named temporary file beside `path`, then renames it into place, so
    /// concurrent saves of one package (many gates, one crate) never share a half-written file.
    private static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "cannot create \(folder)")
        }
        var template = Array("\(folder)/.partial-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let why = written ? "" : String(cString: strerror(errno))
        guard close(fd) == 0, written else { throw WriteError(path: path, reason: written ? String(cString: strerror(errno)) : why) }
        // mkstemp makes the file private; cached packages are ordinary files.
        chmod(temp, 0o644)
        guard rename(temp, path) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        ok = true
    }
}
