import CGit2

/// One entry of a commit's tree that is not a folder, as `treeFiles` lists it.
public struct GitTreeFile: Sendable, Equatable {
    public enum Kind: String, Sendable { case file, executable, symlink, submodule }
    /// Relative to the folder that was listed, "/"-separated.
    public let path: String
    /// The blob id (for a submodule: the commit id it records).
    public let id: GitObjectID
    public let kind: Kind
}

/// What sits at a path of a tree: a folder, or anything else with its id and kind.
public enum GitTreeEntryKind: Sendable, Equatable {
    case folder
    case file(GitTreeFile)
}

extension GitRepository {
    /// Bounds on a listing, so a hostile tree (deep nesting, millions of entries) fails fast.
    static let treeDepthLimit = 64
    static let treeEntryLimit = 100_000

    /// Every entry that is not a folder in `commit`'s tree under `folder` ("" = the root),
    /// recursively, keyed by path relative to `folder`.
    public func treeFiles(of commit: GitObjectID, under folder: String) throws -> [String: GitTreeFile] {
        let parts = try Self.plainPath(folder, what: "folder")
        let root = try rootTree(of: commit)
        defer { git_tree_free(root) }

        let subtree = parts.isEmpty ? nil : try folderTree(folder, in: root, of: commit)
        defer { git_tree_free(subtree) }

        var files: [String: GitTreeFile] = [:]
        var visited = 0
        try collect(subtree ?? root, prefix: "", depth: 0, into: &files, visited: &visited, commit: commit)
        return files
    }

    /// The entry at `path` in `commit`'s tree: `.folder`, `.file(…)` for anything else, nil when
    /// absent (also when a parent along the way is a file). "" is the root folder.
    public func treeEntry(of commit: GitObjectID, at path: String) throws -> GitTreeEntryKind? {
        let parts = try Self.plainPath(path, what: "path")
        if parts.isEmpty { return .folder }
        let root = try rootTree(of: commit)
        defer { git_tree_free(root) }

        let location = "\(Self.shown(path)) in commit \(commit.short) in \(self.path)"
        var entry: OpaquePointer?
        let found = git_tree_entry_bypath(&entry, root, path)
        if found == GIT_ENOTFOUND.rawValue { return nil }
        try GitError.check(found, context: "cannot look up \(location)")
        guard let entry else { return nil }
        defer { git_tree_entry_free(entry) }

        let mode = git_tree_entry_filemode(entry)
        if mode == GIT_FILEMODE_TREE { return .folder }
        let id = GitObjectID(git_tree_entry_id(entry).pointee)
        return .file(GitTreeFile(path: path, id: id, kind: try Self.kind(mode, at: location)))
    }

    /// A blob's raw bytes; a blob larger than `maxBytes` is refused before anything is copied.
    public func blobBytes(_ id: GitObjectID, maxBytes: Int) throws -> [UInt8] {
        var oid = id.oid
        var object: OpaquePointer?
        let found = git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY)
        if found == GIT_ENOTFOUND.rawValue { throw GitError.last(code: found, context: "blob \(id.short) not found in \(path)") }
        try GitError.check(found, context: "cannot read blob \(id.short) in \(path)")
        guard let object else { throw GitError(code: -1, message: "libgit2 returned no object for \(id.short)") }
        defer { git_object_free(object) }

        let type = git_object_type(object)
        guard type == GIT_OBJECT_BLOB else {
            let name = git_object_type2string(type).map { String(cString: $0) } ?? "object of type \(type.rawValue)"
            throw GitError(code: GIT_EINVALID.rawValue, message: "\(id.short) is a \(name), not a blob (in \(path))")
        }
        // A git_object of type blob is a git_blob.
        let size = git_blob_rawsize(object)
        guard size <= UInt64(max(0, maxBytes)) else {
            throw GitError(
                code: GIT_EINVALID.rawValue, message: "blob \(id.short) is \(size) bytes, more than the limit of \(maxBytes)")
        }
        guard size > 0, let bytes = git_blob_rawcontent(object) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: Int(size)))
    }

    /// The root tree of `commit`; the caller frees it.
    private func rootTree(of commit: GitObjectID) throws -> OpaquePointer {
        let commitPointer = try lookupCommit(commit)
        defer { git_commit_free(commitPointer) }
        var tree: OpaquePointer?
        try GitError.check(git_commit_tree(&tree, commitPointer), context: "cannot read the tree of commit \(commit.short) in \(path)")
        guard let tree else { throw GitError(code: -1, message: "libgit2 returned no tree for \(commit.short)") }
        return tree
    }

    /// The folder `folder` (not "") of `root`, which the caller frees: absent is a not-found
    /// error, a file or submodule there is "not a folder".
    private func folderTree(_ folder: String, in root: OpaquePointer, of commit: GitObjectID) throws -> OpaquePointer {
        let location = "folder \(Self.shown(folder)) in commit \(commit.short) in \(path)"
        var entry: OpaquePointer?
        let found = git_tree_entry_bypath(&entry, root, folder)
        if found == GIT_ENOTFOUND.rawValue { throw GitError.last(code: found, context: "\(location) not found") }
        try GitError.check(found, context: "cannot look up \(location)")
        guard let entry else { throw GitError(code: -1, message: "libgit2 returned no entry for \(location)") }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE else {
            throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) is not a folder")
        }
        var tree: OpaquePointer?
        try GitError.check(git_tree_lookup(&tree, pointer, git_tree_entry_id(entry)), context: "cannot read \(location)")
        guard let tree else { throw GitError(code: -1, message: "libgit2 returned no tree for \(location)") }
        return tree
    }

    /// Adds `tree`'s non-folder entries under `prefix`, descending into folders.
    private func collect(
        _ tree: OpaquePointer, prefix: String, depth: Int, into files: inout [String: GitTreeFile], visited: inout Int,
        commit: GitObjectID
    ) throws {
        guard depth < Self.treeDepthLimit else {
            throw GitError(
                code: GIT_EINVALID.rawValue,
                message: "the tree of commit \(commit.short) nests folders deeper than the limit of \(Self.treeDepthLimit) at \(Self.shown(prefix))")
        }
        for index in 0..<git_tree_entrycount(tree) {
            // Borrowed from `tree`: not freed here.
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            visited += 1
            guard visited <= Self.treeEntryLimit else {
                throw GitError(
                    code: GIT_EINVALID.rawValue,
                    message: "the tree of commit \(commit.short) has more than the limit of \(Self.treeEntryLimit) entries")
            }
            let name = git_tree_entry_name(entry).map { String(cString: $0) } ?? ""
            let path = prefix.isEmpty ? name : prefix + "/" + name
            // Git never writes such names, but a crafted tree could, and callers join these paths.
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
                throw GitError(
                    code: GIT_EINVALID.rawValue, message: "the tree of commit \(commit.short) has an entry named \(Self.shown(path))")
            }
            let mode = git_tree_entry_filemode(entry)
            if mode == GIT_FILEMODE_TREE {
                var subtree: OpaquePointer?
                try GitError.check(
                    git_tree_lookup(&subtree, pointer, git_tree_entry_id(entry)),
                    context: "cannot read folder \(Self.shown(path)) of commit \(commit.short)")
                guard let subtree else { throw GitError(code: -1, message: "libgit2 returned no tree for \(Self.shown(path))") }
                defer { git_tree_free(subtree) }
                try collect(subtree, prefix: path, depth: depth + 1, into: &files, visited: &visited, commit: commit)
                continue
            }
            let location = "\(Self.shown(path)) in commit \(commit.short)"
            let file = GitTreeFile(path: path, id: GitObjectID(git_tree_entry_id(entry).pointee), kind: try Self.kind(mode, at: location))
            guard files.updateValue(file, forKey: path) == nil else {
                throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) appears twice in its tree")
            }
        }
    }

    private static func kind(_ mode: git_filemode_t, at location: String) throws -> GitTreeFile.Kind {
        switch mode {
        case GIT_FILEMODE_BLOB: return .file
        case GIT_FILEMODE_BLOB_EXECUTABLE: return .executable
        case GIT_FILEMODE_LINK: return .symlink
        case GIT_FILEMODE_COMMIT: return .submodule
        default:
            throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) has the unknown file mode \(String(mode.rawValue, radix: 8))")
        }
    }

    /// The components of a plain relative path ("" → none): no leading "/", no empty, "." or
    /// ".." components, no NUL (which would cut the C string short).
    static func plainPath(_ text: String, what: String) throws -> [Substring] {
        if text.isEmpty { return [] }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }), !text.utf8.contains(0) else {
            throw GitError(
                code: GIT_EINVALID.rawValue,
                message: "\(what) \(shown(text)) is not a plain relative path (a/b: no leading '/', no empty, '.' or '..' parts)")
        }
        return parts
    }
}
