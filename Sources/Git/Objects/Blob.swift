import CGit2

extension GitRepository {
    /// A file's text at a commit; nil when the path is absent there. An error when the path is a
    /// folder, a symbolic link or a submodule, is larger than `maxBytes`, or is not UTF-8.
    public func fileText(at commit: GitObjectID, path file: String, maxBytes: Int = 4 << 20) throws -> String? {
        let location = "\(file) at commit \(commit.short) in \(path)"
        let commitPointer = try lookupCommit(commit)
        defer { git_commit_free(commitPointer) }
        var tree: OpaquePointer?
        try GitError.check(git_commit_tree(&tree, commitPointer), context: "cannot read the tree of commit \(commit.short)")
        guard let tree else { throw GitError(code: -1, message: "libgit2 returned no tree for \(commit.short)") }
        defer { git_tree_free(tree) }

        var entry: OpaquePointer?
        let found = git_tree_entry_bypath(&entry, tree, file)
        if found == GIT_ENOTFOUND.rawValue { return nil }
        try GitError.check(found, context: "cannot look up \(location)")
        guard let entry else { return nil }
        defer { git_tree_entry_free(entry) }

        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: break
        case GIT_FILEMODE_TREE: throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) is a folder, not a file")
        case GIT_FILEMODE_LINK: throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) is a symbolic link, not a file")
        default: throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) is a submodule, not a file")
        }

        var blob: OpaquePointer?
        try GitError.check(git_blob_lookup(&blob, pointer, git_tree_entry_id(entry)), context: "cannot read \(location)")
        guard let blob else { throw GitError(code: -1, message: "libgit2 returned no blob for \(location)") }
        defer { git_blob_free(blob) }

        // Checked before touching the content so a huge blob is never copied.
        let size = git_blob_rawsize(blob)
        guard size <= UInt64(max(0, maxBytes)) else {
            throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) is \(size) bytes, more than the limit of \(maxBytes)")
        }
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return "" }
        let buffer = UnsafeRawBufferPointer(start: bytes, count: Int(size))
        guard let text = String(validating: buffer, as: UTF8.self) else {
            throw GitError(code: GIT_EINVALID.rawValue, message: "\(location) is not UTF-8 text")
        }
        return text
    }

    /// Stores `text` as a blob and returns its id (the object database deduplicates).
    package func writeBlob(_ text: String) throws -> git_oid {
        var oid = git_oid()
        var bytes = Array(text.utf8)
        try GitError.check(
            git_blob_create_from_buffer(&oid, pointer, &bytes, bytes.count), context: "cannot write a blob in \(path)")
        return oid
    }
}
