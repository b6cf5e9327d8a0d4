/// Sub-headings under which a release section lists what is not in the release: known issues,
/// plans, things to do. Matched word by word (no regex: it would be compiled in every check).
enum IntentWords {
    static let phrases: [[String]] = [
        "known issue", "known issues", "known bug", "known bugs", "known limitation", "known limitations",
        "known problem", "known problems", "planned", "plan", "plans", "planning", "roadmap", "todo", "todos", "to do",
        "fixme", "upcoming", "unreleased", "next", "future", "coming soon", "not released", "not implemented", "not done",
        "not included", "not yet released", "not yet implemented", "not yet done", "not yet included", "work in progress",
        "in progress", "wip", "pending", "proposed", "proposal", "proposals", "idea", "ideas", "backlog", "wishlist",
        "open issue", "open issues", "open question", "open questions", "outstanding", "deferred", "postponed",
    ].map { $0.split(separator: " ").map(String.init) }

    /// Whether the heading's words begin with one of the phrases ("Known issues (2)", "To-do:").
    static func isIntentHeading(_ heading: String) -> Bool {
        let words = heading.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return phrases.contains { phrase in words.count >= phrase.count && Array(words.prefix(phrase.count)) == phrase }
    }
}
