import CGit2

extension GitRepository {
    /// The commit the default branch points at: HEAD, resolved through the symbolic ref (in a
    /// bare mirror, HEAD names the upstream's default branch).
    public func defaultBranchHead() throws -> GitObjectID {
        var head: OpaquePointer?
        try GitError.check(git_repository_head(&head, pointer), context: "cannot read HEAD of \(path)")
        guard let head else { throw GitError(code: -1, message: "libgit2 returned no HEAD for \(path)") }
        defer { git_reference_free(head) }
        var commit: OpaquePointer?
        try GitError.check(git_reference_peel(&commit, head, GIT_OBJECT_COMMIT), context: "HEAD of \(path) is not a commit")
        guard let commit else { throw GitError(code: -1, message: "libgit2 returned no commit for HEAD of \(path)") }
        defer { git_object_free(commit) }
        return GitObjectID(git_object_id(commit).pointee)
    }

    /// The branch HEAD names ("refs/heads/main"), also when unborn; nil when HEAD is detached.
    public var headReferenceName: String? {
        var head: OpaquePointer?
        guard git_reference_lookup(&head, pointer, "HEAD") == 0, let head else { return nil }
        defer { git_reference_free(head) }
        return git_reference_symbolic_target(head).map { String(cString: $0) }
    }

    /// Points HEAD at `ref` (e.g. "refs/heads/main"); the branch may be unborn. The work tree is not touched.
    public func setHead(_ ref: String) throws {
        try GitError.check(git_repository_set_head(pointer, ref), context: "cannot point HEAD of \(path) at \(ref)")
    }
}
