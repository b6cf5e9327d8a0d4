import Foundation

/// A repository on GitHub or a GitHub Enterprise server, as named in its API paths.
public struct GitHubRepositoryRef: Sendable, Equatable, CustomStringConvertible {
    public let owner: String
    public let name: String

    public init(owner: String, name: String) {
        self.owner = owner
        self.name = name
    }

    /// "owner/name".
    public var description: String { "\(owner)/\(name)" }

    /// From a remote URL: https://github.com/o/r(.git), git@github.com:o/r.git,
    /// ssh://git@github.com/o/r.git, and GitHub Enterprise hosts likewise; nil when it is not
    /// such a URL (a local path, file://, a path deeper than owner/name, odd characters).
    public static func parse(remoteURL: String) -> GitHubRepositoryRef? {
        RemoteURL(remoteURL).map { GitHubRepositoryRef(owner: $0.owner, name: $0.name) }
    }

    /// The REST API root for a remote URL's host: https://api.github.com for github.com,
    /// https://HOST/api/v3 for a GitHub Enterprise server; nil when `parse` would give nil.
    public static func apiBase(forRemoteURL remoteURL: String) -> String? {
        guard let remote = RemoteURL(remoteURL) else { return nil }
        return ["github.com", "www.github.com", "ssh.github.com"].contains(remote.host)
            ? GitHubClient.defaultAPIBase : "https://\(remote.host)/api/v3"
    }

    /// Both parts are names GitHub allows, so they are safe as API path segments.
    var isWellFormed: Bool { Self.isOwner(owner[...]) && Self.isName(name[...]) }

    /// GitHub logins: letters, digits and hyphens (Enterprise servers also allow underscores).
    static func isOwner(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 100 && text.allSatisfy { $0.isASCIILetterOrDigit || $0 == "-" || $0 == "_" }
    }

    /// Repository names: letters, digits, ".", "-", "_"; never "." or "..".
    static func isName(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 100 && text != "." && text != ".."
            && text.allSatisfy { $0.isASCIILetterOrDigit || $0 == "." || $0 == "-" || $0 == "_" }
    }
}

/// The parts of a GitHub-shaped remote URL. Parsed by hand: Foundation's URL does not read
/// scp-like remotes (git@host:o/r.git), and user names and ports must not be taken for paths.
private struct RemoteURL {
    let host: String
    let owner: String
    let name: String

    init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        // Printable ASCII only: GitHub names are ASCII, and this keeps every check below byte-simple.
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { return nil }
        let authority: Substring
        let path: Substring
        if let separator = text.range(of: "://") {
            let scheme = text[..<separator.lowerBound].lowercased()
            guard ["https", "http", "ssh", "git"].contains(scheme) else { return nil }
            let rest = text[separator.upperBound...]
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
            guard let host = Self.host(authority, portAllowed: true) else { return nil }
            self.host = host
        } else {
            // scp-like: [user@]host:owner/name; a one-letter host would be a Windows drive.
            guard let colon = text.firstIndex(of: ":") else { return nil }
            authority = text[..<colon]
            path = text[text.index(after: colon)...]
            guard !authority.contains("/"), !path.hasPrefix("/"),
                  let host = Self.host(authority, portAllowed: false), host.count > 1 else { return nil }
            self.host = host
        }
        var trimmed = path
        if trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".git") { trimmed = trimmed.dropLast(4) }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, GitHubRepositoryRef.isOwner(parts[0]), GitHubRepositoryRef.isName(parts[1]) else { return nil }
        owner = String(parts[0])
        name = String(parts[1])
    }

    /// The lower-cased host of "[user[:password]@]host[:port]".
    private static func host(_ authority: Substring, portAllowed: Bool) -> String? {
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") { hostPort = authority[authority.index(after: at)...] }
        var host = hostPort
        if let colon = hostPort.firstIndex(of: ":") {
            let port = hostPort[hostPort.index(after: colon)...]
            guard portAllowed, !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCIIDigit) else { return nil }
            host = hostPort[..<colon]
        }
        guard !host.isEmpty, host.count <= 253, !host.hasPrefix("."), !host.hasPrefix("-"),
              host.allSatisfy({ $0.isASCIILetterOrDigit || $0 == "." || $0 == "-" }) else { return nil }
        return host.lowercased()
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
