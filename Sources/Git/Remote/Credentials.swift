import Support
import CGit2

/// What one push lends libgit2's callbacks: the token (kept in memory only, never written to
/// config or messages) and what the remote said.
final class PushSession {
    /// The user name GitHub (and GitHub Enterprise) expect with an installation or personal token.
    static let tokenUser = "x-access-token"

    let token: String?
    var tokenSent = false
    /// Set when libgit2 asked again after the token was sent: the server refused it.
    var tokenRefused = false
    var agentTried = false
    /// Why no credentials went out when the remote asked, for the error message.
    var unsentReason: String?
    /// "refs/heads/x: reason" for each reference the remote refused.
    var rejections: [String] = []

    init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `text` with the token replaced, for anything that leaves this process.
    func redact(_ text: String) -> String {
        guard let token else { return text }
        return SecretRedactor(secrets: [(name: nil, value: token)]).redact(text)
    }

    /// libgit2's credential request. The token goes only to https URLs (never in clear over
    /// http) and only once; ssh remotes get the ssh agent once. Anything else passes, so
    /// libgit2 reports that authentication is required.
    func credential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, url: String, user: String?, allowed: UInt32) -> Int32 {
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, let token, url.lowercased().hasPrefix("https://") {
            guard !tokenSent else {
                tokenRefused = true
                return GIT_EAUTH.rawValue
            }
            tokenSent = true
            return git_credential_userpass_plaintext_new(out, Self.tokenUser, token)
        }
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            unsentReason = token == nil
                ? "the remote asks for credentials and no token was given"
                : "the token is only sent to https remotes, never over \(url.split(separator: ":").first ?? "this protocol")"
        }
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0, !agentTried {
            agentTried = true
            return git_credential_ssh_key_from_agent(out, user ?? "git")
        }
        return GIT_PASSTHROUGH.rawValue
    }
}

extension git_remote_callbacks {
    /// Routes libgit2's credential and push-status callbacks to `session`, passed as `payload`.
    mutating func route(to session: UnsafeMutableRawPointer) {
        payload = session
        credentials = { out, url, user, allowed, payload in
            guard let payload else { return GIT_PASSTHROUGH.rawValue }
            let session = Unmanaged<PushSession>.fromOpaque(payload).takeUnretainedValue()
            return session.credential(
                out, url: url.map { String(cString: $0) } ?? "", user: user.map { String(cString: $0) }, allowed: allowed)
        }
        push_update_reference = { reference, status, payload in
            // A non-nil status is the remote refusing this reference (e.g. "non-fast-forward").
            if let status, let payload {
                let session = Unmanaged<PushSession>.fromOpaque(payload).takeUnretainedValue()
                let name = reference.map { String(cString: $0) } ?? "?"
                session.rejections.append("\(name): \(String(cString: status))")
            }
            return 0
        }
    }
}
