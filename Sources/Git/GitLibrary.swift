import CGit2

/// libgit2's process-wide state: initialised once, before the first repository is opened.
public enum GitLibrary {
    private static let initialisation: Int32 = git_libgit2_init()

    /// Initialises libgit2 (idempotent); throws libgit2's own message on failure.
    public static func initialise() throws {
        if initialisation < 0 { throw GitError.last(code: initialisation) }
    }

    /// The libgit2 version this process runs with, e.g. "1.5.1".
    public static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        guard git_libgit2_version(&major, &minor, &revision) == 0 else { return "unknown" }
        return "\(major).\(minor).\(revision)"
    }
}
