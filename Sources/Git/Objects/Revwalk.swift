import CGit2

extension GitRepository {
    /// Commits reachable from `newer` but not from `older` (nil: back to the root), newest first
    /// (children before parents, then by commit time), at most `limit`.
    public func commits(from newer: GitObjectID, excluding older: GitObjectID?, limit: Int = 10_000) throws -> [GitCommit] {
        guard limit > 0 else { return [] }
        var walk: OpaquePointer?
        try GitError.check(git_revwalk_new(&walk, pointer), context: "cannot walk history in \(path)")
        guard let walk else { throw GitError(code: -1, message: "libgit2 returned no revision walker") }
        defer { git_revwalk_free(walk) }
        try GitError.check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue))

        var start = newer.oid
        let pushed = git_revwalk_push(walk, &start)
        if pushed == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: pushed, context: "commit \(newer.short) not found in \(path)")
        }
        try GitError.check(pushed, context: "cannot walk from \(newer.short) in \(path)")
        if let older {
            var stop = older.oid
            let hidden = git_revwalk_hide(walk, &stop)
            if hidden == GIT_ENOTFOUND.rawValue {
                throw GitError.last(code: hidden, context: "commit \(older.short) not found in \(path)")
            }
            try GitError.check(hidden, context: "cannot exclude \(older.short) in \(path)")
        }

        var result: [GitCommit] = []
        var oid = git_oid()
        while result.count < limit {
            let code = git_revwalk_next(&oid, walk)
            if code == GIT_ITEROVER.rawValue { break }
            try GitError.check(code, context: "cannot walk history in \(path)")
            result.append(try commit(GitObjectID(oid)))
        }
        return result
    }
}
