import CGit2

/// One changed path as `git status` would list it.
public struct GitStatusEntry: Sendable, Equatable {
    public let path: String
    /// "modified", "new", "deleted", "renamed", "typechange", "untracked" or "conflicted".
    public let state: String

    public init(path: String, state: String) {
        self.path = path
        self.state = state
    }
}

extension GitRepository {
    /// Changes in the index and work tree against HEAD, untracked files included (each file,
    /// not just its folder), ignored files excluded, sorted by path. Empty means clean.
    public func status() throws -> [GitStatusEntry] {
        var options = git_status_options()
        try GitError.check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)))
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX.rawValue | GIT_STATUS_OPT_SORT_CASE_SENSITIVELY.rawValue

        var list: OpaquePointer?
        try GitError.check(git_status_list_new(&list, pointer, &options), context: "cannot read the status of \(workdir ?? path)")
        guard let list else { throw GitError(code: -1, message: "libgit2 returned no status list") }
        defer { git_status_list_free(list) }

        var entries: [GitStatusEntry] = []
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index)?.pointee else { continue }
            let flags = entry.status.rawValue
            guard flags != GIT_STATUS_CURRENT.rawValue, let state = Self.state(of: flags) else { continue }
            // The new side names the path as it is now (a rename's destination).
            let delta = entry.index_to_workdir ?? entry.head_to_index
            guard let file = delta?.pointee.new_file.path ?? delta?.pointee.old_file.path else { continue }
            entries.append(GitStatusEntry(path: String(cString: file), state: state))
        }
        return entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// True when `file` (relative to the work tree) is untracked and matched by the ignore
    /// rules, as `git status --ignored` would show it: a file a commit must not pick up.
    public func isIgnored(_ file: String) throws -> Bool {
        var flags: UInt32 = 0
        let code = git_status_file(&flags, pointer, file)
        if code == GIT_ENOTFOUND.rawValue { return false }
        try GitError.check(code, context: "cannot read the status of \(file) in \(workdir ?? path)")
        return flags & GIT_STATUS_IGNORED.rawValue != 0
    }

    /// One word per path even when the index and the work tree both changed it; the more
    /// consequential change wins (a conflict over a rename over an addition, …).
    private static func state(of flags: UInt32) -> String? {
        func any(_ bits: git_status_t...) -> Bool { bits.contains { flags & $0.rawValue != 0 } }
        if any(GIT_STATUS_CONFLICTED) { return "conflicted" }
        if any(GIT_STATUS_INDEX_RENAMED, GIT_STATUS_WT_RENAMED) { return "renamed" }
        if any(GIT_STATUS_INDEX_NEW) { return "new" }
        if any(GIT_STATUS_INDEX_DELETED, GIT_STATUS_WT_DELETED) { return "deleted" }
        if any(GIT_STATUS_INDEX_TYPECHANGE, GIT_STATUS_WT_TYPECHANGE) { return "typechange" }
        if any(GIT_STATUS_INDEX_MODIFIED, GIT_STATUS_WT_MODIFIED) { return "modified" }
        if any(GIT_STATUS_WT_NEW) { return "untracked" }
        return nil  // GIT_STATUS_IGNORED, GIT_STATUS_WT_UNREADABLE: not a change we report
    }
}
