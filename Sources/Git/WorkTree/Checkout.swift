import CGit2

extension GitRepository {
    /// Makes the work tree and index match HEAD's commit, like `git checkout -f`: tracked files
    /// are rewritten, local changes to them are lost, untracked files stay. For repositories
    /// whose HEAD was moved at object level (`commitFiles`), e.g. a fixture's upstream.
    public func forceCheckoutHead() throws {
        guard workdir != nil else {
            throw GitError(code: GIT_EBAREREPO.rawValue, message: "cannot check out HEAD in \(path): it is a bare repository")
        }
        var options = git_checkout_options()
        try GitError.check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)))
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        try GitError.check(git_checkout_head(pointer, &options), context: "cannot check out HEAD in \(workdir ?? path)")
    }
}
