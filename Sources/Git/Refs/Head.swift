import CGit2

extension GitRepository {
    /// The branch HEAD is on ("main"), nil when HEAD is detached; an unborn branch counts as a branch.
    public func currentBranch() throws -> String? {
        var head: OpaquePointer?
        try GitError.check(git_reference_lookup(&head, pointer, "HEAD"), context: "cannot read HEAD of \(path)")
        guard let head else { throw GitError(code: -1, message: "libgit2 returned no HEAD for \(path)") }
        defer { git_reference_free(head) }
        // A direct HEAD (an object id) is what git calls detached.
        guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(head) else {
            return nil
        }
        let name = String(cString: target)
        guard name.hasPrefix(Self.branchPrefix), name.count > Self.branchPrefix.count else {
            throw GitError(code: GIT_EINVALID.rawValue, message: "HEAD of \(path) points at \(name), which is not a branch")
        }
        return String(name.dropFirst(Self.branchPrefix.count))
    }

    /// Detaches HEAD at the commit it is on; the index and work tree stay as they are.
    public func detachHead() throws {
        guard let commit = try headCommitObject() else {
            throw GitError(code: GIT_EUNBORNBRANCH.rawValue, message: "cannot detach HEAD of \(path): the current branch has no commit yet")
        }
        defer { git_commit_free(commit) }
        try GitError.check(
            git_repository_set_head_detached(pointer, git_commit_id(commit)), context: "cannot detach HEAD of \(path)")
    }

    static let branchPrefix = "refs/heads/"

    /// HEAD's commit as a `git_commit` the caller frees; nil while the current branch is unborn.
    func headCommitObject() throws -> OpaquePointer? {
        var head: OpaquePointer?
        let code = git_repository_head(&head, pointer)
        if code == GIT_EUNBORNBRANCH.rawValue || code == GIT_ENOTFOUND.rawValue { return nil }
        try GitError.check(code, context: "cannot read HEAD of \(path)")
        guard let head else { throw GitError(code: -1, message: "libgit2 returned no HEAD for \(path)") }
        defer { git_reference_free(head) }
        var commit: OpaquePointer?
        try GitError.check(git_reference_peel(&commit, head, GIT_OBJECT_COMMIT), context: "HEAD of \(path) is not a commit")
        guard let commit else { throw GitError(code: -1, message: "libgit2 returned no commit for HEAD of \(path)") }
        return commit
    }
}
