import CGit2

extension GitRepository {
    /// The URL of remote `name`, nil when the repository has no such remote.
    public func remoteURL(_ name: String) throws -> String? {
        do {
            return try GitRemote.lookup(name, in: self).url
        } catch let error as GitError where error.code == GIT_ENOTFOUND.rawValue {
            return nil
        }
    }
}
