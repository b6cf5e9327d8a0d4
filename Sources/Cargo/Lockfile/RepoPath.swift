import Foundation

/// Paths inside a repository, kept relative to its root ("" is the root itself), so plans and
/// messages read the same on every machine. Absolute paths outside the root stay absolute.
package struct RepoPath {
    package let root: String

    package init(root: String) {
        self.root = Self.normalize(root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root)
    }

    /// The repository-relative form of `path` (given relative to the root, or absolute).
    func relative(_ path: String) -> String {
        guard path.hasPrefix("/") else { return Self.normalize(path) }
        let clean = Self.normalize(path)
        if clean == root { return "" }
        let prefix = root == "/" ? "/" : root + "/"
        return clean.hasPrefix(prefix) ? String(clean.dropFirst(prefix.count)) : clean
    }

    package func absolute(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (relative.isEmpty ? root : root + "/" + relative)
    }

    package func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : Self.normalize(folder + "/" + name)
    }

    package func isFile(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolute(relative), isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The folder of a relative path ("" at the root).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Drops "." and empty parts and resolves "..", without touching the file system.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", path.hasPrefix("/") { continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
