import CGit2

/// A named remote of a repository (libgit2 `git_remote`). Holds its repository, which must outlive it.
public final class GitRemote {
    /// The libgit2 handle, for wrappers in other modules (push, credentials); owned by this object.
    let pointer: OpaquePointer
    public let repository: GitRepository
    public let name: String

    init(owning pointer: OpaquePointer, name: String, in repository: GitRepository) {
        self.pointer = pointer
        self.name = name
        self.repository = repository
    }

    deinit { git_remote_free(pointer) }

    public static func lookup(_ name: String, in repository: GitRepository) throws -> GitRemote {
        var remote: OpaquePointer?
        try GitError.check(
            git_remote_lookup(&remote, repository.pointer, name), context: "no remote '\(name)' in \(repository.path)")
        guard let remote else { throw GitError(code: -1, message: "libgit2 returned no remote '\(name)'") }
        return GitRemote(owning: remote, name: name, in: repository)
    }

    /// Adds remote `name` to the repository's configuration with these fetch refspecs (none:
    /// git's default `+refs/heads/*:refs/remotes/<name>/*`).
    public static func create(_ name: String, url: String, fetching refspecs: [String] = [], in repository: GitRepository) throws -> GitRemote {
        var remote: OpaquePointer?
        let context = "cannot add remote '\(name)' (\(url)) to \(repository.path)"
        if let first = refspecs.first {
            try GitError.check(git_remote_create_with_fetchspec(&remote, repository.pointer, name, url, first), context: context)
        } else {
            try GitError.check(git_remote_create(&remote, repository.pointer, name, url), context: context)
        }
        git_remote_free(remote)
        for refspec in refspecs.dropFirst() {
            try GitError.check(git_remote_add_fetch(repository.pointer, name, refspec), context: context)
        }
        // Looked up again: git_remote_add_fetch changes the configuration, not a loaded remote.
        return try lookup(name, in: repository)
    }

    public var url: String { git_remote_url(pointer).map { String(cString: $0) } ?? "" }

    /// Fetches with the remote's configured refspecs. Nothing is pruned: a branch or tag deleted
    /// upstream stays here, because evidence may still point at its commits.
    public func fetch() throws {
        var options = Self.fetchOptions()
        try GitError.check(
            git_remote_fetch(pointer, nil, &options, "gatekeeper: fetch"), context: "cannot fetch \(name) (\(url))")
    }

    /// The branch the remote's HEAD named at the last connection ("refs/heads/main"), nil when
    /// unknown. Still answers after `fetch()` has disconnected: the advertisement is kept.
    public var advertisedDefaultBranch: String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_remote_default_branch(&buffer, pointer) == 0, let text = buffer.ptr else { return nil }
        return String(cString: text)
    }

    /// Fetch options shared by clone and fetch: proxies from git config and the environment
    /// (`https_proxy`, …), no pruning.
    static func fetchOptions() -> git_fetch_options {
        var options = git_fetch_options()
        _ = git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        options.prune = GIT_FETCH_NO_PRUNE
        options.proxy_opts.type = GIT_PROXY_AUTO
        return options
    }
}

extension GitRepository {
    /// Fetches every branch and tag of `remote` with its configured refspecs (a mirror made by
    /// `cloneBare` maps them onto its own `refs/heads/*` and `refs/tags/*`); prunes nothing.
    /// In a bare repository HEAD then follows the remote's default branch when that changed.
    public func fetch(remote name: String = "origin") throws {
        let remote = try GitRemote.lookup(name, in: self)
        try remote.fetch()
        if isBare { try followDefaultBranch(of: remote) }
    }

    /// Points HEAD at the branch the remote advertised as its default, when this repository
    /// has that branch (a mirror does; a repository with remote-tracking refs does not).
    func followDefaultBranch(of remote: GitRemote) throws {
        let head = (try? currentBranch() ?? nil).map { Self.branchPrefix + $0 }
        guard let branch = remote.advertisedDefaultBranch, branch != head else { return }
        var local: OpaquePointer?
        guard git_reference_lookup(&local, pointer, branch) == 0 else { return }
        git_reference_free(local)
        try setHead(branch)
    }
}
