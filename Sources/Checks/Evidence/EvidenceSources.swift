import Foundation
import Support
import Cargo

/// Turns changelog sections and commit messages into evidence units.
public enum EvidenceSources {
    /// The units of a changelog for the releases after `after` up to `upTo`: every claim of
    /// those sections, and, set aside for near misses, `[Unreleased]` and other crates' sections
    /// of the same versions. `origin` says where the changelog was read: "package",
    /// "upstream at 4409a50", "upstream default branch".
    public static func changelog(_ document: ChangelogDocument, after: SemVer, upTo: SemVer, path: String, origin: String) -> [EvidenceUnit] {
        let source = "changelog (\(origin))"
        let sections = document.sections(after: after, upTo: upTo) + document.otherCrates(after: after, upTo: upTo)
        let entries = sections.flatMap(\.entries) + document.unreleased
        return entries.map { entry in
            EvidenceUnit(kind: .changelog, source: source, text: entry.text, location: "\(path):\(entry.line)", setAside: entry.setAside)
        }
    }

    /// A commit as evidence: its id, message and standing in the range (reverted, discarded, …).
    public struct Commit: Sendable {
        public let id: String
        public let message: String
        public let setAside: Rejection?

        public init(id: String, message: String, setAside: Rejection? = nil) {
            self.id = id
            self.message = message
            self.setAside = setAside
        }
    }

    /// Each commit's subject and each bullet or paragraph of its body is a unit, located by the
    /// commit's short id.
    public static func commits(_ commits: [Commit], range: String) -> [EvidenceUnit] {
        commits.flatMap { commit in
            CommitMessage.claims(commit.message).map { text in
                EvidenceUnit(kind: .commits, source: "commits \(range)", text: text, location: "commit \(commit.id.prefix(7))",
                             setAside: commit.setAside)
            }
        }
    }
}

/// A commit message as claims: the subject, then each bullet (with its continuation lines) or
/// paragraph of the body. Bodies written with `git commit -m "…\n…"` carry a literal backslash-n
/// where a new line was meant; both split.
public enum CommitMessage {
    /// Keys of the trailers git and forges add at the end of a message: metadata, not claims.
    static let trailerKeys: Set<String> = ["signed-off-by", "co-authored-by", "reviewed-by", "acked-by", "tested-by", "reported-by",
                                           "suggested-by", "change-id", "cc", "refs", "fixes", "closes"]

    static func isTrailer(_ trimmed: String) -> Bool {
        guard let colon = trimmed.firstIndex(of: ":") else { return false }
        return trailerKeys.contains(trimmed[..<colon].trimmedSpaces.lowercased())
    }

    public static func claims(_ message: String) -> [String] {
        let text = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\\n", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let subjectIndex = lines.firstIndex(where: { !$0.trimmedSpaces.isEmpty }) else { return [] }
        let subject = lines[subjectIndex].trimmedSpaces
        let body = lines[(subjectIndex + 1)...].enumerated().compactMap { k, line -> (number: Int, text: String)? in
            let trimmed = line.trimmedSpaces
            if isTrailer(trimmed) { return nil }
            return (k + 2, line)
        }
        return [subject] + ClaimBlocks.group(body).map(\.text)
    }
}
