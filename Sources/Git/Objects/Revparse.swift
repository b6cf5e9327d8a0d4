import CGit2

extension GitRepository {
    /// The commit a revision names: a full or abbreviated id, a branch, a tag (annotated tags are
    /// peeled), "HEAD", or anything else `git rev-parse` accepts.
    public func resolve(_ revision: String) throws -> GitObjectID {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, revision)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, context: "\(Self.describe(revision)) not found in \(path)")
        }
        try GitError.check(code, context: "cannot resolve '\(revision)' in \(path)")
        guard let object else { throw GitError(code: -1, message: "libgit2 returned no object for '\(revision)'") }
        defer { git_object_free(object) }

        var commit: OpaquePointer?
        try GitError.check(
            git_object_peel(&commit, object, GIT_OBJECT_COMMIT), context: "'\(revision)' in \(path) is not a commit")
        guard let commit else { throw GitError(code: -1, message: "libgit2 returned no commit for '\(revision)'") }
        defer { git_object_free(commit) }
        return GitObjectID(git_object_id(commit).pointee)
    }

    /// "commit 4409a50" for something that looks like an id, "revision 'v9'" otherwise.
    static func describe(_ revision: String) -> String {
        let isHex = (4...40).contains(revision.utf8.count)
            && revision.lowercased().utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        return isHex ? "commit \(revision)" : "revision '\(revision)'"
    }
}
