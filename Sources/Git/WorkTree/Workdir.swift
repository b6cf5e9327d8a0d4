import CGit2

extension GitRepository {
    /// The work tree without a trailing slash, for resolving repository-relative paths; an error
    /// for a bare repository, which has none.
    public var workdirPath: String {
        get throws {
            guard let workdir else {
                throw GitError(code: GIT_EBAREREPO.rawValue, message: "\(path) is a bare repository: it has no work tree")
            }
            return workdir
        }
    }
}
