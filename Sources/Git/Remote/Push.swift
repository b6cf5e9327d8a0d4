import CGit2
import Foundation

extension GitRepository {
    /// Pushes refs/heads/<branch> to the same name on `remote`, never forced. For https remotes
    /// `token` is sent as basic auth (user "x-access-token") through libgit2's credential
    /// callback; local and file:// remotes need none. The token is never stored in the git
    /// config and never appears in errors. A push the remote or libgit2 refuses (not a
    /// fast-forward, a hook, …) is an error with their message.
    public func push(branch: String, remote name: String, token: String?) throws {
        guard try branchExists(branch) else {
            throw GitError(code: GIT_ENOTFOUND.rawValue, message: "cannot push \(branch): no such branch in \(path)")
        }
        let remote = try GitRemote.lookup(name, in: self)
        // libgit2 pushes to pushurl when one is configured.
        let url = git_remote_pushurl(remote.pointer).map { String(cString: $0) } ?? remote.url
        let destination = "\(name) (\(url))"
        if let folder = Self.localFolder(of: url), !FileManager.default.fileExists(atPath: folder) {
            // libgit2 would only say "unsupported URL protocol".
            throw GitError(code: GIT_ENOTFOUND.rawValue, message: "cannot push \(branch) to \(destination): no repository at \(folder)")
        }
        let session = PushSession(token: token)

        var options = git_push_options()
        try GitError.check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)))
        options.proxy_opts.type = GIT_PROXY_AUTO
        let reference = Self.branchPrefix + branch
        let code = withExtendedLifetime(session) {
            options.callbacks.route(to: Unmanaged.passUnretained(session).toOpaque())
            return withGitStringArray(["\(reference):\(reference)"]) { refspecs in
                git_remote_push(remote.pointer, &refspecs, &options)
            }
        }
        if code < 0 {
            // Only what came from outside is redacted: gatekeeper's own words never hold the token.
            let libgit2 = session.redact(GitError.last(code: code).message)
            let reason = session.tokenRefused
                ? "the token was not accepted (\(libgit2))"
                : session.unsentReason.map { "\($0) (\(libgit2))" } ?? libgit2
            throw GitError(code: code, message: "cannot push \(branch) to \(destination): \(reason)")
        }
        if !session.rejections.isEmpty {
            throw GitError(
                code: GIT_ENONFASTFORWARD.rawValue,
                message: "\(destination) refused \(session.redact(session.rejections.joined(separator: "; ")))")
        }
    }

    /// The folder a local remote URL names (a path or file:// URL), nil for network URLs.
    static func localFolder(of url: String) -> String? {
        if url.hasPrefix("file://") { return String(url.dropFirst("file://".count)) }
        if url.contains("://") { return nil }
        // scp-like "host:path" has a colon before any slash.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }
}
