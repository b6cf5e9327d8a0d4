import CGit2

extension GitRepository {
    /// True when `refs/heads/<name>` is a reference name git accepts for a branch (not empty,
    /// "@" or "HEAD", no leading "-", no "..", "~", "^", ":", spaces, trailing ".lock", …).
    public func isValidBranchName(_ name: String) -> Bool {
        // libgit2 1.5 accepts these; git refuses "" and DEL, and reads "@" as HEAD.
        guard !name.isEmpty, name != "@", !name.utf8.contains(0x7f), (try? GitLibrary.initialise()) != nil else { return false }
        var valid: Int32 = 0
        // git_branch_name_is_valid checks refs/heads/<name> and the branch-only rules on top.
        guard git_branch_name_is_valid(&valid, name) == 0 else { return false }
        return valid == 1
    }

    public func branchExists(_ name: String) throws -> Bool {
        try requireValidBranchName(name)
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, pointer, Self.branchPrefix + name)
        if code == GIT_ENOTFOUND.rawValue { return false }
        try GitError.check(code, context: "cannot look up branch \(name) in \(path)")
        git_reference_free(reference)
        return true
    }

    /// Creates refs/heads/<name> at `commit` (HEAD's commit when nil); an existing branch is an
    /// error, never moved. HEAD, the index and the work tree are not touched.
    public func createBranch(_ name: String, at commit: GitObjectID? = nil) throws {
        try requireValidBranchName(name)
        let target: OpaquePointer
        if let commit {
            target = try lookupCommit(commit)
        } else if let head = try headCommitObject() {
            target = head
        } else {
            throw GitError(code: GIT_EUNBORNBRANCH.rawValue, message: "cannot create branch \(name) in \(path): HEAD has no commit yet")
        }
        defer { git_commit_free(target) }
        var reference: OpaquePointer?
        try GitError.check(
            git_branch_create(&reference, pointer, name, target, 0), context: "cannot create branch \(name) in \(path)")
        git_reference_free(reference)
    }

    /// Deletes refs/heads/<name>; libgit2 refuses the branch HEAD is on.
    public func deleteBranch(_ name: String) throws {
        try requireValidBranchName(name)
        var reference: OpaquePointer?
        try GitError.check(
            git_branch_lookup(&reference, pointer, name, GIT_BRANCH_LOCAL), context: "cannot delete branch \(name) in \(path)")
        guard let reference else { throw GitError(code: -1, message: "libgit2 returned no branch \(name)") }
        defer { git_reference_free(reference) }
        try GitError.check(git_branch_delete(reference), context: "cannot delete branch \(name) in \(path)")
    }

    /// Rejects a bad name up front, so later messages are about the repository, not the name.
    func requireValidBranchName(_ name: String) throws {
        guard isValidBranchName(name) else {
            throw GitError(code: GIT_EINVALIDSPEC.rawValue, message: "'\(name)' is not a valid branch name")
        }
    }
}
