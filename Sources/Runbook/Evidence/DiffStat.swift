/// Which files a unified diff touches and how many lines each gains and loses.
struct DiffStat: Equatable {
    struct File: Equatable {
        let path: String
        var added = 0
        var removed = 0
        /// Cargo.lock and other `*.lock` files.
        var isLockfile: Bool { path.split(separator: "/").last.map { $0.hasSuffix(".lock") } ?? false }
    }

    private(set) var files: [File] = []

    init(_ diff: String) {
        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            // A file header is a `--- ` line directly followed by a `+++ ` line.
            if line.hasPrefix("--- "), i + 1 < lines.count, lines[i + 1].hasPrefix("+++ ") {
                let old = Self.path(line.dropFirst(4))
                let new = Self.path(lines[i + 1].dropFirst(4))
                files.append(File(path: new == "/dev/null" ? old : new))
                i += 2
                continue
            }
            if !files.isEmpty {
                if line.hasPrefix("+") { files[files.count - 1].added += 1 }
                else if line.hasPrefix("-") { files[files.count - 1].removed += 1 }
            }
            i += 1
        }
    }

    /// `a/Cargo.toml\t2024-…` → `Cargo.toml`.
    static func path(_ field: Substring) -> String {
        var p = field.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if p.hasPrefix("a/") || p.hasPrefix("b/") { p.removeFirst(2) }
        return p
    }
}
