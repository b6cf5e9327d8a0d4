import CGit2

extension GitRepository {
    /// Points the current branch at `id` and leaves the index and the work tree as they are
    /// (`git reset --soft`): a commit is taken back, its changes stay staged.
    public func resetSoft(to id: GitObjectID) throws {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        let branch = (try? currentBranch()).flatMap { $0 } ?? "HEAD"
        try GitError.check(git_reset(pointer, commit, GIT_RESET_SOFT, nil), context: "cannot move \(branch) to \(id.short) in \(path)")
    }
}
