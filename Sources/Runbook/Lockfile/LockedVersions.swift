import Checks

extension Lockfiles {
    /// The versions (and checksums) a Cargo.lock records for a package: its `[[package]]`
    /// entries with that name, in file order. Version-1 lockfiles keep checksums in
    /// `[metadata]` as "checksum NAME VERSION (SOURCE)"; those are read too.
    public static func lockedVersions(of dependency: String, lockfileText: String, file: String) throws -> [(version: String, checksum: String?)] {
        let document: TOMLTable
        do {
            document = try TOMLReader.parse(lockfileText)
        } catch let e as TOMLError {
            throw LockfileError(.unreadable, file: file, line: e.line, message: e.message)
        }
        guard let packages = document["package"] else { return [] }
        guard let entries = packages.value.arrayValue else {
            throw LockfileError(.unreadable, file: file, line: packages.span.line, message: "package must be an array of tables ([[package]])")
        }
        let metadata = document["metadata"]?.value.tableValue
        var found: [(version: String, checksum: String?)] = []
        for entry in entries {
            guard let table = entry.value.tableValue else {
                throw LockfileError(.unreadable, file: file, line: entry.span.line, message: "package must be an array of tables ([[package]])")
            }
            guard let name = table["name"]?.value.stringValue else {
                throw LockfileError(.unreadable, file: file, line: entry.span.line, message: "[[package]] without a string name")
            }
            guard name == dependency else { continue }
            guard let version = table["version"]?.value.stringValue else {
                throw LockfileError(.unreadable, file: file, line: entry.span.line, message: "[[package]] \(name) without a string version")
            }
            var checksum = table["checksum"]?.value.stringValue
            if checksum == nil, let source = table["source"]?.value.stringValue {
                checksum = metadata?["checksum \(name) \(version) (\(source))"]?.value.stringValue
            }
            found.append((version, checksum))
        }
        return found
    }
}
