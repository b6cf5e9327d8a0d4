import CGit2

extension GitRepository {
    /// Creates the lightweight tag `refs/tags/<name>` at `id`; an existing tag is an error, never moved.
    public func createTag(_ name: String, at id: GitObjectID) throws {
        var oid = id.oid
        var object: OpaquePointer?
        let found = git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY)
        if found == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: found, context: "cannot tag \(name): object \(id.short) not found in \(path)")
        }
        try GitError.check(found, context: "cannot tag \(name) at \(id.short)")
        defer { git_object_free(object) }
        var tag = git_oid()
        try GitError.check(git_tag_create_lightweight(&tag, pointer, name, object, 0), context: "cannot create tag \(name) in \(path)")
    }

    /// Creates the branch `refs/heads/<name>` at `id`; an existing branch is an error, never moved.
    public func createBranch(_ name: String, at id: GitObjectID) throws {
        var oid = id.oid
        var reference: OpaquePointer?
        try GitError.check(git_reference_create(&reference, pointer, "refs/heads/\(name)", &oid, 0, "branch: created"),
                           context: "cannot create branch \(name) in \(path)")
        git_reference_free(reference)
    }
}
