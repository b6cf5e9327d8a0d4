import CGit2

extension GitRepository {
    /// Commits the index on the current branch, with HEAD's commit as the parent (none on an
    /// unborn branch), and returns the new commit; the work tree is untouched. The message is
    /// tidied as `git commit` does (trailing spaces and blank lines, one final newline; "#"
    /// lines are kept). Refuses a detached HEAD, an empty message, and a commit that would
    /// change nothing unless `allowEmpty`.
    @discardableResult
    public func commitIndex(
        message: String, author: GitSignature, committer: GitSignature? = nil, allowEmpty: Bool = false
    ) throws -> GitObjectID {
        let message = try Self.prettified(message)
        guard let branch = try currentBranch() else {
            throw GitError(code: GIT_EINVALID.rawValue, message: "cannot commit in \(path): HEAD is detached, not on a branch")
        }
        let index = try repositoryIndex()
        defer { git_index_free(index) }
        if git_index_has_conflicts(index) == 1 {
            throw GitError(code: GIT_ECONFLICT.rawValue, message: "cannot commit on \(branch): the index has unresolved conflicts")
        }
        var treeID = git_oid()
        try GitError.check(git_index_write_tree(&treeID, index), context: "cannot write the index as a tree in \(path)")
        var tree: OpaquePointer?
        try GitError.check(git_tree_lookup(&tree, pointer, &treeID), context: "cannot read the staged tree in \(path)")
        defer { git_tree_free(tree) }

        let parent = try headCommitObject()
        defer { git_commit_free(parent) }
        if let parent, !allowEmpty, git_oid_equal(git_commit_tree_id(parent), &treeID) == 1 {
            throw GitError(code: GIT_EINVALID.rawValue, message: "nothing to commit on \(branch): the index matches HEAD")
        }

        guard let tree else { throw GitError(code: -1, message: "libgit2 returned no tree") }
        // Updating "HEAD" moves the branch it names.
        return try createCommit(tree: tree, parents: parent.map { [$0] } ?? [], updating: "HEAD", message: message,
                                author: author, committer: committer, context: "cannot commit on \(branch) in \(path)")
    }

    /// `message` cleaned up like git's default, without stripping "#" lines (they may be content).
    package static func prettified(_ message: String) throws -> String {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try GitError.check(git_message_prettify(&buffer, message, 0, 0), context: "cannot tidy the commit message")
        guard let text = buffer.ptr.map({ String(cString: $0) }), !text.isEmpty else {
            throw GitError(code: GIT_EINVALID.rawValue, message: "cannot commit with an empty message")
        }
        return text
    }
}
