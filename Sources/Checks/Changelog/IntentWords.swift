import Foundation

/// Sub-headings under which a release section lists what is not in the release: known issues,
/// plans, things to do.
enum IntentWords {
    static let heading = try! NSRegularExpression(
        pattern: #"^(?:known\s+(?:issues?|bugs?|limitations?|problems?)|planned|plans?|planning|roadmap|to\s?-?do|todos?|fixme|upcoming|unreleased|next(?:\s+(?:release|version|steps?))?|future(?:\s+work)?|coming\s+soon|not\s+(?:yet\s+)?(?:released|implemented|done|included)|(?:work\s+)?in\s+progress|wip|pending|proposed|proposals?|ideas?|backlog|wishlist|open\s+(?:issues?|questions?)|outstanding|deferred|postponed)\b"#,
        options: [.caseInsensitive])

    static func isIntentHeading(_ words: String) -> Bool {
        heading.firstMatch(in: words, range: NSRange(location: 0, length: (words as NSString).length)) != nil
    }
}
