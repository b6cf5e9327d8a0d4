import CGit2

extension GitRepository {
    /// Writes a commit whose tree is the parent's plus `changes` (path → new text, nil → delete;
    /// paths may contain folders) and moves `ref` to it. Object level only: the work tree and the
    /// index are not touched, so this works the same in bare repositories.
    ///
    /// `ref` is "HEAD" (the current branch, created when unborn) or a full name such as
    /// "refs/heads/topic" (created when absent). With `parent` nil the ref's current commit is the
    /// parent (none for an unborn branch). When the ref exists it must point at `parent`, so a
    /// concurrent update is never overwritten (libgit2: "current tip is not the first parent").
    ///
    /// `mergeParents` become the 2nd, 3rd… parents, making a merge commit; the tree is still the
    /// first parent's plus `changes`, so the caller decides what the merge kept. They need a first
    /// parent: merging into an unborn branch is an error.
    @discardableResult
    public func commitFiles(
        _ changes: [String: String?], message: String, author: GitSignature, committer: GitSignature? = nil,
        parent: GitObjectID?, mergeParents: [GitObjectID] = [], updating ref: String = "HEAD"
    ) throws -> GitObjectID {
        let parentID = try parent ?? currentCommit(of: ref)
        if parentID == nil, !mergeParents.isEmpty {
            throw GitError(
                code: GIT_EUNBORNBRANCH.rawValue,
                message: "cannot merge \(mergeParents.map(\.short).joined(separator: ", ")) into \(ref) in \(path): it has no commit yet")
        }
        var parentCommit: OpaquePointer?
        if let parentID { parentCommit = try lookupCommit(parentID) }
        defer { git_commit_free(parentCommit) }
        var otherCommits: [OpaquePointer] = []
        defer { otherCommits.forEach { git_commit_free($0) } }
        for other in mergeParents { otherCommits.append(try lookupCommit(other)) }

        var baseTree: OpaquePointer?
        if let parentCommit {
            try GitError.check(git_commit_tree(&baseTree, parentCommit), context: "cannot read the tree of \(parentID?.short ?? "")")
        }
        defer { git_tree_free(baseTree) }

        var blobs: [String: git_oid?] = [:]
        // updateValue, not subscript assignment: assigning nil would drop the deletion.
        for (file, text) in changes { blobs.updateValue(try text.map(writeBlob), forKey: file) }
        guard var treeID = try GitTreeChanges(blobs).write(in: self, base: baseTree, at: "") else {
            throw GitError(code: -1, message: "libgit2 wrote no root tree")
        }
        var tree: OpaquePointer?
        try GitError.check(git_tree_lookup(&tree, pointer, &treeID), context: "cannot read the new tree")
        defer { git_tree_free(tree) }
        guard let tree else { throw GitError(code: -1, message: "libgit2 returned no tree") }
        return try createCommit(tree: tree, parents: (parentCommit.map { [$0] } ?? []) + otherCommits, updating: ref, message: message,
                                author: author, committer: committer, context: "cannot commit to \(ref) in \(path)")
    }

    /// Records a merge of `other` into `ref` that keeps `ref`'s tree as it is, what
    /// `git merge -s ours other` makes: parents `[ref's commit, other]`, tree equal to the first
    /// parent's. `ref` must exist ("HEAD" or a full name such as "refs/heads/main").
    @discardableResult
    public func commitMergeKeepingTree(
        of other: GitObjectID, into ref: String = "HEAD", message: String, author: GitSignature,
        committer: GitSignature? = nil
    ) throws -> GitObjectID {
        guard let first = try currentCommit(of: ref) else {
            throw GitError(
                code: GIT_EUNBORNBRANCH.rawValue, message: "cannot merge \(other.short) into \(ref) in \(path): it has no commit yet")
        }
        return try commitFiles(
            [:], message: message, author: author, committer: committer, parent: first, mergeParents: [other],
            updating: ref)
    }

    /// The commit `ref` points at (through symbolic refs), nil when it does not exist yet.
    func currentCommit(of ref: String) throws -> GitObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, pointer, ref)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
        try GitError.check(code, context: "cannot read \(ref) in \(path)")
        return GitObjectID(oid)
    }
}
