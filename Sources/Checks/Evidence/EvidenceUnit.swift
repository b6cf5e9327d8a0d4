import Foundation
import Support

/// A claim that can prove a criterion, with where it came from.
public struct EvidenceUnit: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case changelog, commits
    }

    public let kind: Kind
    /// The source as the report names it: "changelog (package)", "commits 0.1.1..0.1.2".
    public let source: String
    public let text: String
    /// "CHANGELOG.md:12", "commit 4409a50".
    public let location: String
    /// Why the unit cannot count whatever it says (a comment, a reverted commit, …); nil when it can.
    public let setAside: Rejection?

    public init(kind: Kind, source: String, text: String, location: String, setAside: Rejection? = nil) {
        self.kind = kind
        self.source = source
        self.text = text
        self.location = location
        self.setAside = setAside
    }
}

/// Text that matched a criterion but was rejected, shown so a reviewer sees what was almost
/// evidence.
public struct NearMiss: Sendable, Equatable, Codable {
    public let evidence: String
    public let location: String
    public let source: String
    public let rejection: Rejection

    public var why: String { rejection.why }
}

/// One criterion's verdict: the first claim that matched and counts, or why none did.
public struct CriterionResult: Sendable, Equatable, Codable {
    public let id: String
    public let title: String
    public let passed: Bool
    public let source: String?
    /// The quote: the claim trimmed around the match, at most `ClaimQuote.limit` characters.
    public let evidence: String?
    public let location: String?
    /// For a failing criterion, up to `CriteriaEvaluator.nearMissLimit` rejected matches.
    public let rejected: [NearMiss]

    public init(id: String, title: String, passed: Bool, source: String?, evidence: String?, location: String?,
                rejected: [NearMiss] = []) {
        self.id = id
        self.title = title
        self.passed = passed
        self.source = source
        self.evidence = evidence
        self.location = location
        self.rejected = rejected
    }

    public var status: String { passed ? "pass" : "fail" }
}

/// Matches criteria against evidence: a criterion passes on the first claim that matches and
/// counts, changelog before commits. A match in a set-aside unit, or in a clause that negates or
/// only plans the thing, is a near miss and never a pass. Missing evidence is never a pass.
public enum CriteriaEvaluator {
    public static let nearMissLimit = 3

    public static func evaluate(_ specs: [CriterionSpec], evidence: [EvidenceUnit]) throws -> [CriterionResult] {
        let ordered = evidence.filter { $0.kind == .changelog } + evidence.filter { $0.kind == .commits }
        // A claim's clauses and cues are read once, whatever number of criteria match in it.
        var claims: [Int: ClaimText] = [:]
        func claim(_ k: Int) -> ClaimText {
            if let known = claims[k] { return known }
            let read = ClaimText(ordered[k].text)
            claims[k] = read
            return read
        }
        var lowered: [Int: String] = [:]
        func lower(_ k: Int) -> String {
            if let known = lowered[k] { return known }
            let text = ordered[k].text.lowercased()
            lowered[k] = text
            return text
        }
        return try specs.map { spec in
            let regexes = try spec.patterns.map { try CriterionPattern.compile($0) }
            var rejected: [NearMiss] = []
            for (k, unit) in ordered.enumerated() {
                if !spec.keywords.isEmpty, !spec.keywords.contains(where: lower(k).contains) { continue }
                // The Swift String goes to the regexes as it is: bridging an NSString back costs a copy per call.
                let text = unit.text
                let whole = NSRange(location: 0, length: text.utf16.count)
                var firstRejection: (Rejection, NSRange)? = nil
                for regex in regexes {
                    // Match by match, so the first that counts ends the search.
                    var rest = whole
                    while let match = regex.firstMatch(in: text, options: [], range: rest) {
                        let verdict = unit.setAside ?? ClaimPolarity.judge(claim(k), match: match.range)
                        guard let rejection = verdict else {
                            return CriterionResult(id: spec.id, title: spec.title, passed: true, source: unit.source,
                                                   evidence: ClaimQuote.make(unit.text, match: match.range), location: unit.location)
                        }
                        if firstRejection == nil { firstRejection = (rejection, match.range) }
                        // A set-aside unit stays set aside whatever else matches in it.
                        if unit.setAside != nil { break }
                        let next = match.range.location + max(match.range.length, 1)
                        guard next < whole.length else { break }
                        rest = NSRange(location: next, length: whole.length - next)
                    }
                    if firstRejection != nil, unit.setAside != nil { break }
                }
                if let (rejection, range) = firstRejection, rejected.count < nearMissLimit {
                    rejected.append(NearMiss(evidence: ClaimQuote.make(unit.text, match: range), location: unit.location,
                                             source: unit.source, rejection: rejection))
                }
            }
            return CriterionResult(id: spec.id, title: spec.title, passed: false, source: nil, evidence: nil, location: nil,
                                   rejected: rejected)
        }
    }
}

/// Criterion patterns, compiled once per process (a thousand gates share the preset's). ICU's
/// engine: Swift Regex was the dominant cost of a many-gate check, in case-insensitive matching.
public enum CriterionPattern {
    private static let cache = PatternCache()

    public static func compile(_ pattern: String) throws -> NSRegularExpression {
        try cache.regex(pattern)
    }

    private final class PatternCache: @unchecked Sendable {
        private let lock = NSLock()
        private var compiled: [String: NSRegularExpression] = [:]

        func regex(_ pattern: String) throws -> NSRegularExpression {
            lock.lock()
            defer { lock.unlock() }
            if let known = compiled[pattern] { return known }
            let regex = try NSRegularExpression(pattern: pattern)
            compiled[pattern] = regex
            return regex
        }
    }
}
