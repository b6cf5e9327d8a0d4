import CGit2

extension GitRepository {
    /// The commit the default branch points at: HEAD, resolved through the symbolic ref (in a
    /// bare mirror, HEAD names the upstream's default branch).
    public func defaultBranchHead() throws -> GitObjectID {
        guard let commit = try headCommitObject() else {
            throw GitError(code: GIT_EUNBORNBRANCH.rawValue, message: "cannot read HEAD of \(path): its branch has no commit yet")
        }
        defer { git_commit_free(commit) }
        return GitObjectID(git_commit_id(commit).pointee)
    }

    /// Points HEAD at `ref` (e.g. "refs/heads/main"); the branch may be unborn. The work tree is not touched.
    public func setHead(_ ref: String) throws {
        try GitError.check(git_repository_set_head(pointer, ref), context: "cannot point HEAD of \(path) at \(ref)")
    }
}
