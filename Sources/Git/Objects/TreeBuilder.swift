import CGit2

/// Changes to one tree level, nested by folder: written bottom-up with libgit2 tree builders so
/// untouched entries (and their file modes) are kept as they were.
struct GitTreeChanges {
    /// File name → new blob, or nil to delete.
    var files: [String: git_oid?] = [:]
    var folders: [String: GitTreeChanges] = [:]

    /// Groups `path → blob` changes by folder; rejects paths git could not store.
    init(_ changes: [String: git_oid?]) throws {
        for (path, blob) in changes {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
                throw GitError(code: GIT_EINVALIDSPEC.rawValue, message: "invalid path '\(path)': use folder/name, without empty, '.' or '..' parts")
            }
            try insert(parts[...], blob: blob, path: path)
        }
    }

    private init() {}

    private mutating func insert(_ parts: ArraySlice<String>, blob: git_oid?, path: String) throws {
        guard let first = parts.first else { return }
        if parts.count == 1 {
            guard folders[first] == nil else { throw Self.conflict(path) }
            files.updateValue(blob, forKey: first)  // keeps nil (delete) as a value
            return
        }
        guard files[first] == nil else { throw Self.conflict(path) }
        var folder = folders[first] ?? GitTreeChanges()
        try folder.insert(parts.dropFirst(), blob: blob, path: path)
        folders[first] = folder
    }

    private static func conflict(_ path: String) -> GitError {
        GitError(code: GIT_EINVALIDSPEC.rawValue, message: "'\(path)' is changed both as a file and as a folder")
    }

    /// Writes this level on top of `base` (nil: empty); returns nil when the result is empty so
    /// the parent drops the folder, as git does not store empty folders.
    func write(in repo: GitRepository, base: OpaquePointer?, at folder: String) throws -> git_oid? {
        var builder: OpaquePointer?
        try GitError.check(git_treebuilder_new(&builder, repo.pointer, base), context: "cannot build tree '\(folder)'")
        guard let builder else { throw GitError(code: -1, message: "libgit2 returned no tree builder") }
        defer { git_treebuilder_free(builder) }

        for (name, blob) in files {
            let existing = git_treebuilder_get(builder, name)
            guard var blob else {
                if existing != nil { try GitError.check(git_treebuilder_remove(builder, name)) }
                continue
            }
            var mode = GIT_FILEMODE_BLOB
            if let existing {
                let old = git_tree_entry_filemode(existing)
                if old == GIT_FILEMODE_TREE {
                    throw GitError(code: GIT_EINVALIDSPEC.rawValue, message: "cannot write file '\(folder + name)': it is a folder")
                }
                if old == GIT_FILEMODE_BLOB_EXECUTABLE { mode = old }  // an edited script stays executable
            }
            try GitError.check(
                git_treebuilder_insert(nil, builder, name, &blob, mode), context: "cannot write '\(folder + name)'")
        }

        for (name, changes) in folders {
            var subtree: OpaquePointer?
            if let existing = git_treebuilder_get(builder, name) {
                guard git_tree_entry_filemode(existing) == GIT_FILEMODE_TREE else {
                    throw GitError(code: GIT_EINVALIDSPEC.rawValue, message: "cannot write into '\(folder + name)': it is a file")
                }
                try GitError.check(
                    git_tree_lookup(&subtree, repo.pointer, git_tree_entry_id(existing)), context: "cannot read '\(folder + name)'")
            }
            defer { git_tree_free(subtree) }
            if var written = try changes.write(in: repo, base: subtree, at: folder + name + "/") {
                try GitError.check(
                    git_treebuilder_insert(nil, builder, name, &written, GIT_FILEMODE_TREE), context: "cannot write '\(folder + name)'")
            } else if git_treebuilder_get(builder, name) != nil {
                try GitError.check(git_treebuilder_remove(builder, name))
            }
        }

        if git_treebuilder_entrycount(builder) == 0 && !folder.isEmpty { return nil }
        var oid = git_oid()
        try GitError.check(git_treebuilder_write(&oid, builder), context: "cannot write tree '\(folder)'")
        return oid
    }
}
