import Foundation
import Checks
import Git
import HTTP

/// The repository on GitHub a command talks to and the client to do it: [rollout]
/// github_repository, else the one the remote ([rollout] remote) points at; the API base from
/// [rollout] github_api; the token from GITHUB_TOKEN or GH_TOKEN. One place, for the rollout's
/// pull request and the waiting dashboard alike.
public struct GitHubTarget: Sendable {
    public let client: GitHubClient
    public let repository: GitHubRepositoryRef

    /// GITHUB_TOKEN, else GH_TOKEN; an empty one is not a token.
    public static func token(_ environment: [String: String]) -> String? {
        environment["GITHUB_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["GH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `flag` names what needs it in the errors (`--open-pr`, `--dashboard`).
    /// `remoteURL`: the URL of [rollout] remote, asked only when github_repository is not set.
    public static func resolve(config: GatekeeperConfig, remoteURL: () throws -> String?, environment: [String: String],
                               userAgent: String, flag: String) throws -> GitHubTarget {
        guard let token = token(environment) else { throw GitHubError("\(flag) needs a token in GITHUB_TOKEN or GH_TOKEN") }
        let rollout = config.rollout
        let configured = rollout.githubRepository.flatMap { GitHubRepositoryRef.parse(remoteURL: "https://github.com/\($0)") }
        guard let ref = try configured ?? remoteURL().flatMap(GitHubRepositoryRef.parse(remoteURL:)) else {
            throw GitHubError("remote \(rollout.remote) is not a GitHub repository; set [rollout] github_repository = \"owner/name\"")
        }
        var http = HTTPOptions(userAgent: userAgent)
        http.retries = config.http.retries
        return GitHubTarget(client: GitHubClient(apiBase: rollout.githubAPI, token: token, userAgent: userAgent, http: try HTTPClient(options: http)),
                            repository: ref)
    }
}
