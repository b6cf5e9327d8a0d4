import CGit2

extension GitRepository {
    /// True when `commit` is `ancestor` or descends from it. Both must exist here: a commit the
    /// repository does not have is an error, never a quiet `false` (or `true`).
    public func isSameOrDescendant(_ commit: GitObjectID, of ancestor: GitObjectID) throws -> Bool {
        git_commit_free(try lookupCommit(commit))
        git_commit_free(try lookupCommit(ancestor))
        if commit == ancestor { return true }
        var c = commit.oid, a = ancestor.oid
        let code = git_graph_descendant_of(pointer, &c, &a)
        try GitError.check(code, context: "cannot compare \(commit.short) with \(ancestor.short) in \(path)")
        return code == 1
    }
}
