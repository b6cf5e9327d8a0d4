import Foundation
import Cargo

/// Picks the version a gate waits for: the highest version above the pinned one that is not
/// yanked, not a pre-release (unless allowed), old enough and compatible with the pin as cargo
/// sees it (unless `allow_incompatible`) — or the one asked for.
public enum CandidateSelector {
    public enum Outcome: Sendable, Equatable {
        case candidate(IndexEntry)
        /// No candidate; the reason says why, in words a reviewer reads.
        case none(reason: String)
    }

    /// `age` gives a version's age in seconds when known; nil means unknown, which never
    /// satisfies a minimum age.
    public static func select(from entries: [IndexEntry], current: SemVer, requested: SemVer?, allowPrerelease: Bool,
                              allowIncompatible: Bool = false, minimumAge: ConfigDuration?, age: (IndexEntry) -> Double?) -> Outcome {
        if let requested {
            guard let entry = entries.first(where: { $0.version == requested }) ?? entries.first(where: { $0.version.precedence(requested) == 0 }) else {
                return .none(reason: "\(requested) is not published")
            }
            if entry.version.precedence(current) <= 0 {
                return .none(reason: "\(requested) is not above the pinned \(current)")
            }
            if entry.yanked { return .none(reason: "\(entry.version) is yanked") }
            if let problem = ageProblem(entry, minimumAge: minimumAge, age: age) { return .none(reason: problem) }
            return .candidate(entry)
        }
        let above = entries.filter { $0.version.precedence(current) > 0 }.sorted { $0.version > $1.version }
        guard !above.isEmpty else { return .none(reason: "no version above \(current) is published") }
        let live = above.filter { !$0.yanked }
        guard !live.isEmpty else {
            return .none(reason: "only yanked versions above \(current): \(list(above))")
        }
        let eligible = allowPrerelease ? live : live.filter { !$0.version.isPreRelease }
        guard !eligible.isEmpty else {
            return .none(reason: "only pre-releases above \(current): \(list(live)) (allow_prerelease is false)")
        }
        let compatible = allowIncompatible ? eligible : eligible.filter { $0.version.isCaretCompatible(with: current) }
        guard !compatible.isEmpty else {
            return .none(reason: "no version compatible with \(current) is published above it; newer, not compatible: \(list(eligible)) (use --version \(eligible[0].version) or allow_incompatible)")
        }
        var tooYoung: [String] = []
        for entry in compatible {
            if let problem = ageProblem(entry, minimumAge: minimumAge, age: age) {
                tooYoung.append(problem)
                continue
            }
            return .candidate(entry)
        }
        return .none(reason: tooYoung.joined(separator: "; "))
    }

    /// The newest live, eligible version above the pin, compatible or not: what a reviewer
    /// should hear about when it is not the candidate.
    public static func latest(from entries: [IndexEntry], current: SemVer, allowPrerelease: Bool) -> IndexEntry? {
        entries.filter { $0.version.precedence(current) > 0 && !$0.yanked && (allowPrerelease || !$0.version.isPreRelease) }
            .max { $0.version < $1.version }
    }

    private static func ageProblem(_ entry: IndexEntry, minimumAge: ConfigDuration?, age: (IndexEntry) -> Double?) -> String? {
        guard let minimumAge, minimumAge.seconds > 0 else { return nil }
        guard let seconds = age(entry) else {
            return "\(entry.version): publication time unknown, so min_release_age \(minimumAge) cannot be proven"
        }
        if seconds < Double(minimumAge.seconds) {
            return "\(entry.version) was published \(Self.duration(seconds)) ago; min_release_age is \(minimumAge)"
        }
        return nil
    }

    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s >= 86400 { return "\(s / 86400)d\(s % 86400 / 3600)h" }
        if s >= 3600 { return "\(s / 3600)h\(s % 3600 / 60)m" }
        return "\(s / 60)m"
    }

    private static func list(_ entries: [IndexEntry]) -> String {
        entries.map { $0.version.description + ($0.yanked ? " (yanked)" : "") }.joined(separator: ", ")
    }
}
