import Checks
import Foundation
import Support

/// File-system access for bundles: never follows a symbolic link out of the bundle, and turns
/// every failure into a `SourceError` naming the file.
enum BundleFiles {
    enum Kind: Equatable { case regular, directory, symlink, other, missing }

    static func kind(_ path: String) -> Kind {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// The kind of `root/name`, with any symbolic link on the way reported as `.symlink`: a
    /// linked folder would let a listed name read outside the bundle.
    static func kind(root: String, name: String) -> Kind {
        var path = root
        let components = name.split(separator: "/")
        for (i, component) in components.enumerated() {
            path = BundlePath.join(path, String(component))
            let k = kind(path)
            if i == components.count - 1 { return k }
            switch k {
            case .directory: continue
            case .symlink: return .symlink
            default: return .missing  // a file where a folder should be
            }
        }
        return .missing
    }

    /// Every non-directory entry under `root`, relative, in byte order.
    static func walk(_ root: String) throws -> [(name: String, kind: Kind)] {
        var found: [(name: String, kind: Kind)] = []
        func visit(_ relative: String) throws {
            let folder = relative.isEmpty ? root : BundlePath.join(root, relative)
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw SourceError(file: folder, line: nil, message: "cannot list the folder: \(reason(error))")
            }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                let k = kind(BundlePath.join(root, child))
                if k == .directory { try visit(child) } else { found.append((child, k)) }
            }
        }
        try visit("")
        let order = BundlePath.sorted(found.map(\.name))
        let kinds = Dictionary(found.map { ($0.name, $0.kind) }, uniquingKeysWith: { a, _ in a })
        return order.map { ($0, kinds[$0] ?? .missing) }
    }

    static func read(_ path: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SourceError(file: path, line: nil, message: "cannot read: \(reason(error))")
        }
    }

    /// Atomic: a reader sees the old file or the whole new one.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(Data(bytes), to: path)
        } catch let e as AtomicFile.WriteError {
            throw SourceError(file: e.path, line: nil, message: "cannot write: \(e.reason)")
        }
    }

    static func remove(_ path: String) throws {
        guard kind(path) != .missing else { return }
        guard unlink(path) == 0 else {
            throw SourceError(file: path, line: nil, message: "cannot remove: \(String(cString: strerror(errno)))")
        }
    }

    static func createFolder(_ path: String) throws {
        switch kind(path) {
        case .directory: return
        case .symlink where isDirectory(following: path): return
        case .missing:
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw SourceError(file: path, line: nil, message: "cannot create the folder: \(reason(error))")
            }
        default:
            throw SourceError(file: path, line: nil, message: "exists and is not a folder")
        }
    }

    /// The POSIX reason when Foundation wraps one.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }
}

extension BundleFiles {
    /// stat, not lstat: for the bundle folder itself, which a user may reach through a link.
    static func isDirectory(following path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// stat, not lstat: for inputs outside the bundle (capture sources), which may be links.
    static func kind(following path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
