import CGit2

/// A libgit2 repository handle. Not Sendable: libgit2 objects belong to one thread at a time,
/// so open one per thread (opening is cheap).
public final class GitRepository {
    /// The libgit2 handle, for wrappers in other modules; owned and freed by this object.
    let pointer: OpaquePointer

    /// Takes ownership of a handle libgit2 returned.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { git_repository_free(pointer) }

    /// Opens exactly `path`: a work tree, its `.git` folder or a bare repository.
    public static func open(_ path: String) throws -> GitRepository {
        try openExt(path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
    }

    /// Opens the repository containing `path`, walking up through parent folders like git does.
    public static func discover(from path: String) throws -> GitRepository {
        try openExt(path, flags: 0)
    }

    /// Creates a repository (and missing parent folders) whose HEAD points at the unborn `initialBranch`.
    /// An existing repository at `path` is an error rather than silently re-initialised.
    public static func initialize(at path: String, bare: Bool, initialBranch: String = "main") throws -> GitRepository {
        try GitLibrary.initialise()
        var options = git_repository_init_options()
        try GitError.check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)))
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
        var repo: OpaquePointer?
        let code = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&repo, path, &options)
        }
        try GitError.check(code, context: "cannot create a repository at \(path)")
        return try owning(repo)
    }

    /// The `.git` folder of a work tree, or the bare repository's folder (no trailing slash).
    public var path: String {
        git_repository_path(pointer).map { Self.trimmingSlash(String(cString: $0)) } ?? ""
    }

    /// The work tree, nil for a bare repository.
    public var workdir: String? {
        git_repository_workdir(pointer).map { Self.trimmingSlash(String(cString: $0)) }
    }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    private static func openExt(_ path: String, flags: UInt32) throws -> GitRepository {
        try GitLibrary.initialise()
        var repo: OpaquePointer?
        let code = git_repository_open_ext(&repo, path, flags, nil)
        if code < 0 {
            // libgit2 usually names the path already ("could not find repository at '…'").
            let error = GitError.last(code: code)
            throw error.message.contains(path) ? error : GitError.last(code: code, context: "cannot open \(path)")
        }
        return try owning(repo)
    }

    static func owning(_ repo: OpaquePointer?) throws -> GitRepository {
        guard let repo else { throw GitError(code: -1, message: "libgit2 returned no repository") }
        return GitRepository(owning: repo)
    }

    private static func trimmingSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
