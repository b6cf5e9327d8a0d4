import CGit2
import Foundation

extension GitRepository {
    /// Stages these work-tree paths like `git add -A <paths>`: additions, modifications and
    /// deletions, folders recursively. Paths are relative to the work tree and matched exactly,
    /// never as globs. Ignored files inside a folder are skipped, and a named path that is
    /// ignored and untracked is an error, unless `includingIgnored` (`git add -f`: for files
    /// the caller wrote itself, such as an evidence bundle, whatever the user's .gitignore
    /// says). A path that is neither in the work tree nor the index is an error; after any
    /// error nothing is staged. Returns the tree the index now writes.
    @discardableResult
    public func stage(_ paths: [String], includingIgnored: Bool = false) throws -> GitObjectID {
        let root = try workdirPath
        let specs = try paths.map { try Self.workTreeRelative($0) }
        let index = try repositoryIndex()
        defer { git_index_free(index) }

        var staged = false
        // The index object is shared by this repository handle: a failure must not leave
        // half-staged entries in memory for a later commitIndex to pick up.
        defer { if !staged { git_index_read(index, 1) } }

        // A path counts when it names something tracked before (a deletion) or staged after.
        var covered = Set<String>()
        markCovered(specs, in: index, into: &covered)
        let exact = ExactPaths(specs)
        if includingIgnored {
            // libgit2 1.5's add_all with FORCE stops at an ignored folder ("invalid path"), so
            // the named paths are walked here and every file added by path, rules or not.
            for file in try Self.files(under: specs, in: root) {
                try GitError.check(git_index_add_bypath(index, file), context: "cannot stage \(file) in \(root)")
            }
        } else {
            try withExtendedLifetime(exact) {
                try withGitStringArray(specs) { array in
                    let flags = GIT_INDEX_ADD_DISABLE_PATHSPEC_MATCH.rawValue | GIT_INDEX_ADD_CHECK_PATHSPEC.rawValue
                    // libgit2 1.5 still globs while matching ("a[1].txt" matches "a1.txt"), so
                    // every candidate is checked against the exact paths too.
                    let code = git_index_add_all(index, &array, flags, { path, _, payload in
                        guard let path, let payload else { return 1 }
                        return Unmanaged<ExactPaths>.fromOpaque(payload).takeUnretainedValue().contains(String(cString: path)) ? 0 : 1
                    }, Unmanaged.passUnretained(exact).toOpaque())
                    try GitError.check(code, context: "cannot stage in \(root)")
                }
            }
        }
        // Entries whose file is gone are deletions (add_all stages them, the walk does not).
        var gone: [String] = []
        for entry in entries(of: index) where exact.contains(entry) {
            var info = stat()
            if lstat(root + "/" + entry, &info) != 0 { gone.append(entry) }
        }
        markCovered(specs, in: index, into: &covered)
        for entry in gone {
            try GitError.check(git_index_remove_bypath(index, entry), context: "cannot stage the deletion of \(entry)")
        }
        if let missing = specs.first(where: { !covered.contains($0) }) {
            var info = stat()
            let exists = lstat(root + "/" + missing, &info) == 0
            throw GitError(
                code: GIT_ENOTFOUND.rawValue,
                message: exists
                    ? "cannot stage \(missing): it is ignored (see .gitignore) or an empty folder"
                    : "cannot stage \(missing): no such path in the work tree or the index of \(root)")
        }

        var tree = git_oid()
        try GitError.check(git_index_write_tree(&tree, index), context: "cannot write the staged tree in \(path)")
        let written = git_index_write(index)
        if written == GIT_ELOCKED.rawValue { throw GitError(code: written, message: indexLockedMessage) }
        try GitError.check(written, context: "cannot write the index of \(path)")
        staged = true
        return GitObjectID(tree)
    }

    /// libgit2 says only "the index is locked"; the user needs the file and what to do about it.
    public var indexLockedMessage: String {
        "\((path as NSString).appendingPathComponent("index.lock")) exists: another git process is using this repository; wait for it, or remove the file if none is running"
    }

    /// The files (and symbolic links) at or below each spec, relative to `root`; nested
    /// repositories are left alone, as git does.
    private static func files(under specs: [String], in root: String) throws -> [String] {
        var found: [String] = []
        func visit(_ relative: String) throws {
            var info = stat()
            guard lstat(root + "/" + relative, &info) == 0 else { return }  // a deletion: swept later
            guard info.st_mode & S_IFMT == S_IFDIR else {
                found.append(relative)
                return
            }
            if relative.split(separator: "/").last == ".git" || FileManager.default.fileExists(atPath: root + "/" + relative + "/.git") {
                return
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + relative)
            } catch {
                throw GitError(code: -1, message: "cannot stage \(relative): cannot list the folder")
            }
            for name in names.sorted() { try visit(relative + "/" + name) }
        }
        for spec in specs { try visit(spec) }
        return found
    }

    /// Adds to `covered` each spec that names an entry of `index` (itself or a folder of it).
    private func markCovered(_ specs: [String], in index: OpaquePointer, into covered: inout Set<String>) {
        for entry in entries(of: index) {
            for spec in specs where Self.covers(spec, entry) { covered.insert(spec) }
        }
    }

    private func entries(of index: OpaquePointer) -> [String] {
        (0..<git_index_entrycount(index)).compactMap { position in
            git_index_get_byindex(index, position)?.pointee.path.map { String(cString: $0) }
        }
    }

    fileprivate static func covers(_ spec: String, _ entry: String) -> Bool {
        entry == spec || entry.hasPrefix(spec + "/")
    }

    /// The repository's index, re-read from disk so changes made by others are seen; the
    /// caller frees it.
    func repositoryIndex() throws -> OpaquePointer {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), context: "cannot open the index of \(path)")
        guard let index else { throw GitError(code: -1, message: "libgit2 returned no index for \(path)") }
        let code = git_index_read(index, 1)
        if code < 0 {
            git_index_free(index)
            try GitError.check(code, context: "cannot read the index of \(path)")
        }
        return index
    }

    /// `path` as git names it inside the work tree: no leading "./", no trailing "/", and
    /// nothing that could reach outside it or into `.git`.
    static func workTreeRelative(_ path: String) throws -> String {
        var text = Substring(path)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        while text.hasSuffix("/") { text = text.dropLast() }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let valid = !text.isEmpty && !path.hasPrefix("/")
            && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && parts.first.map { $0.lowercased() != ".git" } ?? false
        guard valid else {
            throw GitError(code: GIT_EINVALIDSPEC.rawValue, message: "invalid path '\(path)': give a path inside the work tree, relative to its root")
        }
        return String(text)
    }
}

/// The paths `stage` was given, for libgit2's per-file callback.
private final class ExactPaths {
    let specs: [String]
    init(_ specs: [String]) { self.specs = specs }
    /// `path` is one of them or inside one of them.
    func contains(_ path: String) -> Bool { specs.contains { GitRepository.covers($0, path) } }
}
