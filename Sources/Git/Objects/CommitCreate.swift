import CGit2

extension GitRepository {
    /// Writes a commit of `tree` with `parents` and moves `ref` to it: the one place commits are
    /// made (files, merges, the index). libgit2 checks that `ref` still points at the first
    /// parent, so a concurrent update is never overwritten.
    func createCommit(
        tree: OpaquePointer, parents: [OpaquePointer], updating ref: String, message: String,
        author: GitSignature, committer: GitSignature?, context: String
    ) throws -> GitObjectID {
        var parents: [OpaquePointer?] = parents.map { $0 }
        let id = try author.withGitSignature { authorSignature in
            try (committer ?? author).withGitSignature { committerSignature in
                var id = git_oid()
                try GitError.check(
                    git_commit_create(&id, pointer, ref, authorSignature, committerSignature, nil, message, tree, parents.count, &parents),
                    context: context)
                return id
            }
        }
        return GitObjectID(id)
    }
}
