import CGit2

extension GitRepository {
    /// A unified diff of `path` from `old` to `new` in git's format ("diff --git a/… b/…",
    /// "--- a/…", "+++ b/…", hunks with three lines of context), made by libgit2 from the two
    /// texts alone; empty when they are equal.
    public static func unifiedDiff(path: String, old: String, new: String) throws -> String {
        try GitLibrary.initialise()
        var options = git_diff_options()
        try GitError.check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        var patch: OpaquePointer?
        let oldBytes = Array(old.utf8), newBytes = Array(new.utf8)
        try GitError.check(
            git_patch_from_buffers(&patch, oldBytes, oldBytes.count, path, newBytes, newBytes.count, path, &options),
            context: "cannot diff \(path)")
        // libgit2 returns no patch when there is nothing to show.
        guard let patch else { return "" }
        defer { git_patch_free(patch) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try GitError.check(git_patch_to_buf(&buffer, patch), context: "cannot format the diff of \(path)")
        guard let text = buffer.ptr, buffer.size > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: buffer.size), as: UTF8.self)
    }
}
