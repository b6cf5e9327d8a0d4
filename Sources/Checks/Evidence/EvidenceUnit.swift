import Foundation

/// A piece of text that can prove a criterion, with where it came from.
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

    public init(kind: Kind, source: String, text: String, location: String) {
        self.kind = kind
        self.source = source
        self.text = text
        self.location = location
    }
}

/// One criterion's verdict: the first evidence that matched, or why none did.
public struct CriterionResult: Sendable, Equatable {
    public let id: String
    public let title: String
    public let passed: Bool
    public let source: String?
    public let evidence: String?
    public let location: String?

    public init(id: String, title: String, passed: Bool, source: String?, evidence: String?, location: String?) {
        self.id = id
        self.title = title
        self.passed = passed
        self.source = source
        self.evidence = evidence
        self.location = location
    }

    public var status: String { passed ? "pass" : "fail" }
}

/// Matches criteria against evidence: a criterion passes on the first source that matches,
/// changelog before commits. Missing evidence is never a pass.
public enum CriteriaEvaluator {
    public static func evaluate(_ specs: [CriterionSpec], evidence: [EvidenceUnit]) throws -> [CriterionResult] {
        let ordered = evidence.filter { $0.kind == .changelog } + evidence.filter { $0.kind == .commits }
        // Each text is bridged once, not once per pattern.
        let texts = ordered.map { NSString(string: $0.text) }
        return try specs.map { spec in
            let regexes = try spec.patterns.map { try CriterionPattern.compile($0) }
            for (unit, text) in zip(ordered, texts) where regexes.contains(where: {
                $0.firstMatch(in: text as String, options: [], range: NSRange(location: 0, length: text.length)) != nil
            }) {
                return CriterionResult(id: spec.id, title: spec.title, passed: true, source: unit.source,
                                       evidence: unit.text, location: unit.location)
            }
            return CriterionResult(id: spec.id, title: spec.title, passed: false, source: nil, evidence: nil, location: nil)
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
