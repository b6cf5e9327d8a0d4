/// A pull request that `GitHubClient.openOrUpdatePullRequest` opened or updated.
public struct PullRequest: Sendable, Equatable {
    public let number: Int
    /// Its page on the web (the API's `html_url`).
    public let url: String
    /// False when an open pull request for the same head and base existed and was updated.
    public let created: Bool

    public init(number: Int, url: String, created: Bool) {
        self.number = number
        self.url = url
        self.created = created
    }
}
