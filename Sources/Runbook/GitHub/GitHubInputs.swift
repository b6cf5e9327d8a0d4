import Checks
import Foundation
import Support

/// Checks of what a `GitHubClient` is given, before any request; errors quote no secret.
enum GitHubInputs {
    /// Hosts where plain http:// is fine: the token never leaves the machine.
    private static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

    /// Errors quote the URL without any "user:password@" it carries.
    static func checkAPIBase(_ base: String) throws(GitHubError) {
        let lower = base.lowercased()
        let secure = lower.hasPrefix("https://")
        let rest = secure ? lower.dropFirst(8) : lower.hasPrefix("http://") ? lower.dropFirst(7) : nil
        guard let rest, !rest.isEmpty, !rest.hasPrefix("/"),
              !base.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f || $0 == "?" || $0 == "#" }) else {
            throw GitHubError("GitHub API base URL \"\(shown(base))\" is not an http:// or https:// URL without query")
        }
        let authority = rest.prefix { $0 != "/" }
        let hostPort = authority.split(separator: "@").last ?? authority
        let host = hostPort.hasPrefix("[") ? String(hostPort.prefix { $0 != "]" }) + "]" : String(hostPort.prefix { $0 != ":" })
        guard secure || loopbackHosts.contains(host) else {
            throw GitHubError("GitHub API base URL \"\(shown(base))\" must use https:// (the token would travel in clear text)")
        }
    }

    private static func shown(_ base: String) -> String {
        PrintableText.line(URLCredentials.redacted(base))
    }

    static func checkToken(_ token: String) throws(GitHubError) {
        guard !token.isEmpty else { throw GitHubError("no GitHub token: set GITHUB_TOKEN or GH_TOKEN") }
        // The value is never quoted, only what is wrong with it.
        guard !token.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f }) else {
            throw GitHubError("the GitHub token contains whitespace or control characters")
        }
    }

    /// Git refuses such names anyway; here they would make an unreadable error or query.
    static func checkBranch(_ branch: String, _ role: String) throws(GitHubError) {
        guard !branch.isEmpty else { throw GitHubError("pull request \(role) branch is empty") }
        guard !branch.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f }) else {
            throw GitHubError("pull request \(role) branch \"\(PrintableText.line(branch))\" contains whitespace or control characters")
        }
    }

}
