import CGit2

/// One line of a hunk.
public struct GitDiffLine: Sendable, Equatable {
    public enum Origin: Sendable { case context, added, removed }
    public let origin: Origin
    /// The line without its line ending ("\n" and a preceding "\r" removed), decoded as UTF-8 with invalid bytes → U+FFFD.
    public let text: String
    /// 1-based, nil for added.
    public let oldLine: Int?
    /// 1-based, nil for removed.
    public let newLine: Int?
}

/// One hunk of a file's diff, with its header's ranges.
public struct GitHunk: Sendable, Equatable {
    public let oldStart: Int, oldLines: Int, newStart: Int, newLines: Int
    /// In order; "\ No newline at end of file" markers left out.
    public let lines: [GitDiffLine]
}

/// One file a commit changed.
public struct GitFileChange: Sendable, Equatable {
    public enum Status: String, Sendable { case added, deleted, modified, typeChanged = "type-changed" }
    public let status: Status
    /// The path (new path; for a deletion the old path). Repository-relative.
    public let path: String
    /// nil when added; the recorded commit for a submodule side of a type change.
    public let oldID: GitObjectID?
    /// nil when deleted; the recorded commit for a submodule side of a type change.
    public let newID: GitObjectID?
    public let isBinary: Bool
    /// Empty for binary files.
    public let hunks: [GitHunk]
}

/// What one commit changed, file by file, line by line: the evidence of what a fix really did.
public struct GitCommitChanges: Sendable, Equatable {
    public let commit: GitObjectID
    /// The parent the diff is against: the FIRST parent; nil for a root commit (every file added).
    public let parent: GitObjectID?
    public let parentCount: Int
    /// Sorted by path.
    public let files: [GitFileChange]
}

extension GitRepository {
    /// Bounds on one commit's diff, so a vendored tree or generated file cannot flood a report.
    package static let changedFileLimit = 2_000
    package static let changedLineLimit = 200_000

    /// What `commit` changed against its first parent (3 lines of context, no rename detection,
    /// submodule changes skipped). Binary files are what libgit2 decides (GIT_DIFF_FLAG_BINARY).
    /// A type change (file ↔ symbolic link ↔ submodule) keeps its lines: old content removed, new
    /// content added, a submodule side counting as empty.
    public func changes(of commit: GitObjectID) throws -> GitCommitChanges {
        let commitPointer = try lookupCommit(commit)
        defer { git_commit_free(commitPointer) }
        let parentCount = Int(git_commit_parentcount(commitPointer))

        var newTree: OpaquePointer?
        try GitError.check(git_commit_tree(&newTree, commitPointer), context: "cannot read the tree of commit \(commit.short) in \(path)")
        defer { git_tree_free(newTree) }

        var parentID: GitObjectID?
        var oldTree: OpaquePointer?
        defer { git_tree_free(oldTree) }
        if parentCount > 0 {
            // A shallow or partial clone can lack the parent: an error, never an "everything added" diff.
            var parent: OpaquePointer?
            try GitError.check(
                git_commit_parent(&parent, commitPointer, 0), context: "cannot read the first parent of commit \(commit.short) in \(path)")
            defer { git_commit_free(parent) }
            guard let parent else { throw GitError(code: -1, message: "libgit2 returned no parent for \(commit.short)") }
            parentID = GitObjectID(git_commit_id(parent).pointee)
            try GitError.check(
                git_commit_tree(&oldTree, parent), context: "cannot read the tree of \(parentID?.short ?? "") in \(path)")
        }

        var options = try Self.diffOptions()
        var diff: OpaquePointer?
        try GitError.check(
            git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, &options),
            context: "cannot diff commit \(commit.short) against its parent in \(path)")
        guard let diff else { throw GitError(code: -1, message: "libgit2 returned no diff for \(commit.short)") }
        defer { git_diff_free(diff) }

        let kept = (0..<git_diff_num_deltas(diff)).filter { index in
            guard let delta = git_diff_get_delta(diff, index) else { return false }
            return !Self.isSubmoduleOnly(delta.pointee)
        }
        guard kept.count <= Self.changedFileLimit else {
            throw GitError(
                code: GIT_EINVALID.rawValue,
                message: "commit \(commit.short) changes \(kept.count) files, more than the limit of \(Self.changedFileLimit)")
        }

        var lineCount = 0
        var files: [GitFileChange] = []
        for index in kept {
            files.append(try fileChange(diff, index, commit: commit, lineCount: &lineCount))
        }
        files.sort { $0.path < $1.path }
        return GitCommitChanges(commit: commit, parent: parentID, parentCount: parentCount, files: files)
    }

    /// Delta `index` of `diff` with its hunks, read through a `git_patch`.
    private func fileChange(_ diff: OpaquePointer, _ index: Int, commit: GitObjectID, lineCount: inout Int) throws -> GitFileChange {
        var patch: OpaquePointer?
        try GitError.check(git_patch_from_diff(&patch, diff, index), context: "cannot compute the diff of commit \(commit.short)")
        defer { git_patch_free(patch) }
        guard let delta = git_diff_get_delta(diff, index)?.pointee else {
            throw GitError(code: -1, message: "libgit2 returned no delta \(index) for \(commit.short)")
        }
        let oldPath = delta.old_file.path.map { String(cString: $0) } ?? ""
        let newPath = delta.new_file.path.map { String(cString: $0) } ?? ""

        let status: GitFileChange.Status
        switch delta.status {
        case GIT_DELTA_ADDED: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_MODIFIED: status = .modified
        case GIT_DELTA_TYPECHANGE: status = .typeChanged
        default:
            throw GitError(
                code: -1, message: "unexpected change \(delta.status.rawValue) of \(Self.shown(newPath)) in commit \(commit.short)")
        }
        let path = status == .deleted ? oldPath : newPath

        // libgit2 gives a type change (file ↔ symbolic link ↔ submodule) no hunks at all, which
        // would hide what the content became; its blobs are diffed directly instead.
        let typePatch = status == .typeChanged ? try blobPatch(delta, path: path, commit: commit) : nil
        defer { git_patch_free(typePatch) }
        let source = typePatch ?? patch
        // The patch's delta carries the binary flag libgit2 sets while loading the contents.
        let flags = source.flatMap { git_patch_get_delta($0)?.pointee.flags } ?? delta.flags
        let isBinary = flags & GIT_DIFF_FLAG_BINARY.rawValue != 0

        var hunks: [GitHunk] = []
        if let source, !isBinary {
            for hunkIndex in 0..<git_patch_num_hunks(source) {
                hunks.append(try hunk(source, hunkIndex, path: path, commit: commit, lineCount: &lineCount))
            }
        }
        return GitFileChange(
            status: status, path: path,
            oldID: status == .added ? nil : GitObjectID(delta.old_file.id),
            newID: status == .deleted ? nil : GitObjectID(delta.new_file.id),
            isBinary: isBinary, hunks: hunks)
    }

    /// The patch between the two sides of a type change, a submodule side counting as empty
    /// (its "content" is a commit of another repository). The caller frees it.
    private func blobPatch(_ delta: git_diff_delta, path: String, commit: GitObjectID) throws -> OpaquePointer? {
        let location = "\(Self.shown(path)) in commit \(commit.short)"
        let oldBlob = try sideBlob(delta.old_file, location: location)
        defer { git_blob_free(oldBlob) }
        let newBlob = try sideBlob(delta.new_file, location: location)
        defer { git_blob_free(newBlob) }
        var options = try Self.diffOptions()
        var patch: OpaquePointer?
        try GitError.check(
            git_patch_from_blobs(&patch, oldBlob, delta.old_file.path, newBlob, delta.new_file.path, &options),
            context: "cannot diff the type change of \(location)")
        return patch
    }

    /// The blob of one side of a delta (the caller frees it), nil for a submodule or an absent side.
    private func sideBlob(_ file: git_diff_file, location: String) throws -> OpaquePointer? {
        let mode = UInt32(file.mode)
        guard mode != 0, mode != GIT_FILEMODE_COMMIT.rawValue else { return nil }
        var id = file.id
        var blob: OpaquePointer?
        try GitError.check(git_blob_lookup(&blob, pointer, &id), context: "cannot read a side of \(location)")
        return blob
    }

    /// 3 lines of context, no rename detection, type changes reported as such, submodules ignored.
    private static func diffOptions() throws -> git_diff_options {
        var options = git_diff_options()
        try GitError.check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        options.context_lines = 3
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL
        return options
    }

    private func hunk(_ patch: OpaquePointer, _ index: Int, path: String, commit: GitObjectID, lineCount: inout Int) throws -> GitHunk {
        let location = "\(Self.shown(path)) in commit \(commit.short)"
        var header: UnsafePointer<git_diff_hunk>?
        var lineTotal = 0
        try GitError.check(git_patch_get_hunk(&header, &lineTotal, patch, index), context: "cannot read a hunk of \(location)")
        guard let header = header?.pointee else { throw GitError(code: -1, message: "libgit2 returned no hunk for \(location)") }

        // Checked before reading, so the limit also bounds the work.
        lineCount += lineTotal
        guard lineCount <= Self.changedLineLimit else {
            throw GitError(
                code: GIT_EINVALID.rawValue,
                message: "commit \(commit.short) changes more than the limit of \(Self.changedLineLimit) diff lines")
        }
        var lines: [GitDiffLine] = []
        lines.reserveCapacity(lineTotal)
        for lineIndex in 0..<lineTotal {
            var line: UnsafePointer<git_diff_line>?
            try GitError.check(
                git_patch_get_line_in_hunk(&line, patch, index, lineIndex), context: "cannot read a diff line of \(location)")
            guard let line = line?.pointee else { throw GitError(code: -1, message: "libgit2 returned no diff line for \(location)") }
            let origin: GitDiffLine.Origin
            switch UInt32(UInt8(bitPattern: line.origin)) {
            case GIT_DIFF_LINE_CONTEXT.rawValue: origin = .context
            case GIT_DIFF_LINE_ADDITION.rawValue: origin = .added
            case GIT_DIFF_LINE_DELETION.rawValue: origin = .removed
            case GIT_DIFF_LINE_CONTEXT_EOFNL.rawValue, GIT_DIFF_LINE_ADD_EOFNL.rawValue, GIT_DIFF_LINE_DEL_EOFNL.rawValue:
                continue  // "\ No newline at end of file"
            default:
                throw GitError(code: -1, message: "unexpected diff line kind '\(line.origin)' in \(location)")
            }
            lines.append(
                GitDiffLine(
                    origin: origin, text: Self.lineText(line.content, line.content_len),
                    oldLine: origin == .added || line.old_lineno < 1 ? nil : Int(line.old_lineno),
                    newLine: origin == .removed || line.new_lineno < 1 ? nil : Int(line.new_lineno)))
        }
        return GitHunk(
            oldStart: Int(header.old_start), oldLines: Int(header.old_lines), newStart: Int(header.new_start),
            newLines: Int(header.new_lines), lines: lines)
    }

    /// The bytes of a diff line without "\n" (and a "\r" before it), as UTF-8 with U+FFFD for invalid bytes.
    private static func lineText(_ content: UnsafePointer<CChar>?, _ length: Int) -> String {
        guard let content, length > 0 else { return "" }
        var bytes = UnsafeRawBufferPointer(start: content, count: length)[...]
        if bytes.last == UInt8(ascii: "\n") {
            bytes = bytes.dropLast()
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Nothing but submodules on both sides (added, removed, moved): their "content" is a commit
    /// of another repository, out of scope. A file that became a submodule (or back) is kept.
    private static func isSubmoduleOnly(_ delta: git_diff_delta) -> Bool {
        let submoduleOrAbsent: (UInt16) -> Bool = { $0 == 0 || UInt32($0) == GIT_FILEMODE_COMMIT.rawValue }
        return submoduleOrAbsent(delta.old_file.mode) && submoduleOrAbsent(delta.new_file.mode)
    }
}
