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
        return try specs.map { spec in
            let regexes = try spec.patterns.map { try CompiledPatterns.shared.regex($0) }
            for unit in ordered where regexes.contains(where: { unit.text.firstMatch(of: $0) != nil }) {
                return CriterionResult(id: spec.id, title: spec.title, passed: true, source: unit.source,
                                       evidence: unit.text, location: unit.location)
            }
            return CriterionResult(id: spec.id, title: spec.title, passed: false, source: nil, evidence: nil, location: nil)
        }
    }
}

/// Regexes compiled once per process: a thousand gates share the same preset patterns.
final class CompiledPatterns: @unchecked Sendable {
    static let shared = CompiledPatterns()
    private let lock = NSLock()
    private var cache: [String: Regex<AnyRegexOutput>] = [:]

    func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        lock.lock()
        defer { lock.unlock() }
        if let known = cache[pattern] { return known }
        let compiled = try Regex(pattern)
        cache[pattern] = compiled
        return compiled
    }
}
