import Foundation

/// Every regular file below a folder, by content: what "byte-identical afterwards" and "found
/// in no file" are measured against.
enum FileTree {
    /// Keyed by path relative to `root`; `skipping` names top-level entries left out (".git", "cache").
    static func contents(of root: String, skipping: Set<String> = []) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if let top = path.split(separator: "/").first, skipping.contains(String(top)) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            }
        }
        return files
    }
}
