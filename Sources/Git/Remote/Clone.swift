import CGit2
import Foundation

extension GitRepository {
    /// A bare mirror of `url` (https URL, file:// URL or local path) at `path`: every branch and
    /// tag of the remote under the same names, HEAD naming the remote's default branch, and a
    /// remote "origin" for later `fetch()`. Built beside `path` and renamed into place, so an
    /// interrupted clone never leaves a half-made mirror at `path`.
    ///
    /// Not `git_clone`: with a mirror refspec libgit2 1.5 leaves HEAD at its initial branch, so
    /// this is init + remote + the same fetch `fetch()` does, which also sets HEAD.
    public static func cloneBare(from url: String, to path: String) throws -> GitRepository {
        try GitLibrary.initialise()
        let files = FileManager.default
        if isLocalPath(url), !files.fileExists(atPath: url) {
            // libgit2 would only say "unsupported URL protocol" here.
            throw GitError(code: GIT_ENOTFOUND.rawValue, message: "cannot clone \(url): no such folder")
        }
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder) {
            let empty = isFolder.boolValue && ((try? files.contentsOfDirectory(atPath: path))?.isEmpty ?? false)
            guard empty else {
                throw GitError(code: GIT_EEXISTS.rawValue, message: "cannot clone \(url) into \(path): it exists and is not an empty folder")
            }
        }
        let target = URL(fileURLWithPath: path)
        let parent = target.deletingLastPathComponent()
        do {
            try files.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw GitError(code: -1, message: "cannot clone \(url) into \(path): cannot create \(parent.path)")
        }
        let temporary = parent.appendingPathComponent(
            ".\(target.lastPathComponent).clone-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? files.removeItem(atPath: temporary) }  // gone after the rename; cleans up on failure

        do {
            let repo = try initialize(at: temporary, bare: true)
            let origin = try GitRemote.create(
                "origin", url: url, fetching: ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"], in: repo)
            try origin.fetch()
            try repo.followDefaultBranch(of: origin)
        } catch let error as GitError {
            throw GitError(code: error.code, message: "cannot clone \(url): \(error.message)")
        }

        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw GitError(code: -1, message: "cannot clone \(url) into \(path): \(reason)")
        }
        return try open(path)
    }

    /// The mirror of `url` at `path`, fetched when it exists, cloned when absent (or an empty
    /// folder): what a cache wants on every run. A mirror of another URL is an error, so two
    /// upstreams never mix in one cache entry.
    public static func mirror(of url: String, at path: String) throws -> GitRepository {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == false
        guard existing else { return try cloneBare(from: url, to: path) }
        let repo = try open(path)
        // As written in the mirror's config: the remote's `url` has the user's
        // `url.<base>.insteadOf` rules applied, and a mirrored URL they rewrite is still that URL.
        let origin = try repo.localConfigString("remote.origin.url") ?? GitRemote.lookup("origin", in: repo).url
        guard origin == url else {
            throw GitError(code: GIT_EEXISTS.rawValue, message: "\(path) mirrors \(origin), not \(url); remove it to mirror \(url)")
        }
        try repo.fetch()
        return repo
    }

    /// A plain path rather than a URL (`https://…`, `file://…`) or scp-like `host:path`.
    private static func isLocalPath(_ url: String) -> Bool {
        !url.contains("://") && localFolder(of: url) != nil
    }
}
