import TOML

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

extension Lockfiles {
    /// Every `[[package]]` of a Cargo.lock as "name version", for telling what else cargo moved.
    static func lockedPackages(lockfileText: String, file: String) throws -> Set<String> {
        let document: TOMLTable
        do {
            document = try TOMLReader.parse(lockfileText)
        } catch let e as TOMLError {
            throw LockfileError(.unreadable, file: file, line: e.line, message: e.message)
        }
        var out = Set<String>()
        for entry in document["package"]?.value.arrayValue ?? [] {
            guard let table = entry.value.tableValue, let name = table["name"]?.value.stringValue,
                  let version = table["version"]?.value.stringValue else { continue }
            out.insert("\(name) \(version)")
        }
        return out
    }

    /// "alchemy_llm_py 0.1.0 → 0.1.1", "+ log 0.4.22", "- log 0.4.21": the packages whose
    /// locked versions differ between two lockfiles, `dependency` left out.
    static func changes(from before: Set<String>, to after: Set<String>, except dependency: String) -> [String] {
        func split(_ entries: Set<String>) -> [String: [String]] {
            var byName: [String: [String]] = [:]
            for entry in entries {
                let parts = entry.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[0] != dependency else { continue }
                byName[parts[0], default: []].append(parts[1])
            }
            return byName.mapValues { $0.sorted() }
        }
        let old = split(before.subtracting(after)), new = split(after.subtracting(before))
        var out: [String] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            switch (old[name], new[name]) {
            case let (o?, n?) where o.count == 1 && n.count == 1: out.append("\(name) \(o[0]) → \(n[0])")
            case let (o, n):
                out += (o ?? []).map { "- \(name) \($0)" } + (n ?? []).map { "+ \(name) \($0)" }
            }
        }
        return out
    }
}
