import Foundation

/// Turns changelog sections and commit messages into evidence units.
public enum EvidenceSources {
    /// `origin` says where the changelog was read: "package", "upstream at 4409a50", "upstream main".
    public static func changelog(_ sections: [ChangelogSection], path: String, origin: String) -> [EvidenceUnit] {
        sections.flatMap { section in
            section.entries.map { entry in
                EvidenceUnit(kind: .changelog, source: "changelog (\(origin))", text: entry.text, location: "\(path):\(entry.line)")
            }
        }
    }

    /// Every non-blank line of every commit message is a unit, located by the commit's short id.
    public static func commits(_ commits: [(id: String, message: String)], range: String) -> [EvidenceUnit] {
        commits.flatMap { commit in
            commit.message.split(separator: "\n").compactMap { line -> EvidenceUnit? in
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return nil }
                return EvidenceUnit(kind: .commits, source: "commits \(range)", text: text, location: "commit \(commit.id.prefix(7))")
            }
        }
    }
}
