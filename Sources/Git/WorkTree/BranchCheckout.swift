import CGit2

extension GitRepository {
    /// Switches HEAD to branch `name` with a safe checkout: files that differ between the two
    /// commits are updated, local changes elsewhere stay, and a local change (or untracked file)
    /// that the switch would overwrite makes it fail, naming the paths, with nothing changed.
    public func checkoutBranch(_ name: String) throws {
        try requireValidBranchName(name)
        _ = try workdirPath  // a bare repository has nothing to check out
        let reference = Self.branchPrefix + name
        var object: OpaquePointer?
        try GitError.check(
            git_revparse_single(&object, pointer, reference), context: "cannot check out branch \(name) in \(path)")
        guard let object else { throw GitError(code: -1, message: "libgit2 returned no commit for \(reference)") }
        defer { git_object_free(object) }
        var tree: OpaquePointer?
        try GitError.check(git_object_peel(&tree, object, GIT_OBJECT_TREE), context: "cannot read the tree of branch \(name)")
        defer { git_object_free(tree) }

        let conflicts = CheckoutConflicts()
        let payload = Unmanaged.passUnretained(conflicts).toOpaque()
        var options = git_checkout_options()
        try GitError.check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)))
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        options.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT.rawValue
        options.notify_payload = payload
        options.notify_cb = { _, path, _, _, _, payload in
            // Only records: returning 0 lets libgit2 list every conflict before it refuses.
            if let payload, let path {
                Unmanaged<CheckoutConflicts>.fromOpaque(payload).takeUnretainedValue().paths.append(String(cString: path))
            }
            return 0
        }

        let code = withExtendedLifetime(conflicts) { git_checkout_tree(pointer, tree, &options) }
        if code < 0 {
            let error = GitError.last(code: code)
            let paths = conflicts.paths.sorted()
            guard !paths.isEmpty else { throw GitError.last(code: code, context: "cannot check out branch \(name) in \(path)") }
            throw GitError(
                code: code,
                message: "cannot check out branch \(name): local changes would be overwritten in \(paths.joined(separator: ", ")) (\(error.message))")
        }
        // HEAD moves only after the files did, so a refused checkout leaves it where it was.
        try GitError.check(git_repository_set_head(pointer, reference), context: "cannot point HEAD of \(path) at \(reference)")
    }
}

/// Paths libgit2 reported as conflicting during one checkout.
private final class CheckoutConflicts {
    var paths: [String] = []
}
