/// The file names a package's changelog goes by, best first. Matching ignores case because
/// maintainers write `Changelog.md` and `changelog.md` as often as `CHANGELOG.md`.
enum ChangelogNames {
    static let preferred = [
        "changelog.md", "changelog", "changelog.markdown", "changes.md", "changes", "history.md", "releases.md", "news.md",
    ]

    /// The name's place in `preferred` (0 is best), or nil when it is not a changelog name.
    static func rank(_ fileName: String) -> Int? {
        preferred.firstIndex(of: fileName.lowercased())
    }
}
