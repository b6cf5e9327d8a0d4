import CGit2

/// A commit as gatekeeper reads it: enough to quote its message as evidence.
public struct GitCommit: Sendable, Equatable {
    public let id: GitObjectID
    /// The full message, as written (libgit2 strips nothing but a leading newline).
    public let message: String
    /// The first paragraph on one line, like `git log --oneline`.
    public let summary: String
    public let author: GitSignature
    public let parents: [GitObjectID]
    /// The commit's root tree: equal trees mean equal contents (a merge that kept one side's tree).
    public let tree: GitObjectID

    /// Reads a `git_commit`; the caller keeps ownership.
    init(_ commit: OpaquePointer) {
        id = GitObjectID(git_commit_id(commit).pointee)
        message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
        author = GitSignature(git_commit_author(commit))
        parents = (0..<git_commit_parentcount(commit)).compactMap { index in
            git_commit_parent_id(commit, index).map { GitObjectID($0.pointee) }
        }
        tree = GitObjectID(git_commit_tree_id(commit).pointee)
    }
}

extension GitRepository {
    public func commit(_ id: GitObjectID) throws -> GitCommit {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        return GitCommit(commit)
    }

    /// A `git_commit` the caller must free; a missing id says which and where.
    package func lookupCommit(_ id: GitObjectID) throws -> OpaquePointer {
        var oid = id.oid
        var commit: OpaquePointer?
        let code = git_commit_lookup(&commit, pointer, &oid)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, context: "commit \(id.short) not found in \(path)")
        }
        try GitError.check(code, context: "cannot read commit \(id.short) in \(path)")
        guard let commit else { throw GitError(code: -1, message: "libgit2 returned no commit for \(id.short)") }
        return commit
    }
}
