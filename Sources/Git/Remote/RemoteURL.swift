import CGit2

extension GitRepository {
    /// The URL of remote `name`, nil when the repository has no such remote.
    public func remoteURL(_ name: String) throws -> String? {
        var remote: OpaquePointer?
        let code = git_remote_lookup(&remote, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try GitError.check(code, context: "cannot read remote '\(name)' of \(path)")
        guard let remote else { return nil }
        defer { git_remote_free(remote) }
        return git_remote_url(remote).map { String(cString: $0) }
    }
}
