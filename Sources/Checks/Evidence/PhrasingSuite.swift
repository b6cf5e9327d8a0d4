import Foundation
import Usage
import Support
import Cargo

/// One case of the phrasing corpus: how a release note or commit says (or fails to say) that a
/// criterion was delivered, and the verdict a careful reviewer gives. Read from a JSON file:
///
///     { "name": "...", "criterion": "total-tokens", "source": "changelog" | "commit",
///       "text": "...", "expect": "pass" | "fail", "why": "...", "description": "..." }
///
/// A changelog text without a `## ` line is the body of the 0.1.2 section; with one, a whole
/// CHANGELOG.md read for `alchemy-llm` pinned at 0.1.1, candidate 0.1.2. A commit text is a whole
/// message. For a failing case `why` names the expected near miss ("negated", "intent",
/// "comment", "unreleased", "other crate", "reverted") or "no match" (nothing matched at all).
public struct PhrasingCase: Sendable {
    public enum Source: String, Sendable { case changelog, commit }

    public let name: String
    public let file: String
    public let criterion: String
    public let source: Source
    public let text: String
    public let expectPass: Bool
    public let why: String?

    static let allowedKeys: Set<String> = ["name", "criterion", "source", "text", "expect", "why", "description"]
    static let failReasons: Set<String> = ["negated", "intent", "comment", "unreleased", "other crate", "reverted", "revert", "discarded", "no match"]

    public init(json value: JSONValue, file: String) throws {
        func fail(_ message: String) -> ContractCase.FormatError { ContractCase.FormatError(file: file, message: message) }
        guard case .object(let object) = value else { throw fail("expected a JSON object, got \(value.typeDescription)") }
        if let unknown = object.keys.first(where: { !Self.allowedKeys.contains($0) }) { throw fail("unknown key \"\(unknown)\"") }
        func string(_ key: String) throws -> String {
            guard case .string(let s)? = object[key], !s.isEmpty else { throw fail("\"\(key)\" must be a non-empty string") }
            return s
        }
        name = try string("name")
        self.file = file
        criterion = try string("criterion")
        guard let source = Source(rawValue: try string("source")) else { throw fail("\"source\" must be \"changelog\" or \"commit\"") }
        self.source = source
        text = try string("text")
        switch try string("expect") {
        case "pass": expectPass = true
        case "fail": expectPass = false
        case let other: throw fail("\"expect\" must be \"pass\" or \"fail\", got \"\(other)\"")
        }
        if object["why"] != nil {
            why = try string("why")
        } else {
            why = nil
        }
        if !expectPass, let why, !Self.failReasons.contains(why) {
            throw fail("\"why\" of a failing case must be one of \(Self.failReasons.sorted().joined(separator: ", ")), got \"\(why)\"")
        }
    }
}

public struct PhrasingCaseResult: SuiteCaseOutcome {
    public let phrasingCase: PhrasingCase
    public let result: CriterionResult
    /// nil when the verdict is the expected one.
    public let failure: String?
    public var passed: Bool { failure == nil }
    public var caseName: String { phrasingCase.name }
    public var caseFile: String { phrasingCase.file }
}

public struct PhrasingSuiteResult: SuiteOutcome {
    public let results: [PhrasingCaseResult]

    public var json: JSONValue {
        json(caseFields: { ["criterion": .string($0.phrasingCase.criterion), "verdict": .string($0.result.status)] })
    }
}

/// Runs phrasing cases through the same parsing, claim splitting and evaluation as `check`.
public enum PhrasingSuite {
    public static let crate = "alchemy-llm"
    static let pinned = SemVer(major: 0, minor: 1, patch: 1)
    static let candidate = SemVer(major: 0, minor: 1, patch: 2)

    public static func builtInDirectory() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("x").path
        let (found, candidates) = ResourceFolder.locate(module: "Checks", folder: "PhrasingCases", sourceFile: root)
        if let found { return found }
        throw ContractSuite.LoadError(message: "built-in phrasing cases not found (looked in \(candidates.joined(separator: ", ")))")
    }

    public static func builtInCases() throws -> [PhrasingCase] {
        try loadCases(directory: builtInDirectory())
    }

    /// Every `*.json` file of a folder, in name order; a bad file is an error naming it.
    public static func loadCases(directory: String) throws -> [PhrasingCase] {
        try ContractSuite.jsonFiles(in: directory).map { path in
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(path)
            } catch let e as FileReadError {
                throw ContractCase.FormatError(file: path, message: "cannot read: \(e.reason)")
            }
            let value: JSONValue
            do {
                value = try JSONReader.parse(bytes)
            } catch {
                throw ContractCase.FormatError(file: path, message: "not valid JSON: \(error)")
            }
            return try PhrasingCase(json: value, file: path)
        }
    }

    /// `criteria`: the specs cases name by id; a case naming another id is an error.
    public static func run(_ cases: [PhrasingCase], criteria: [CriterionSpec]) throws -> PhrasingSuiteResult {
        let byID = Dictionary(criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return PhrasingSuiteResult(results: try cases.map { c in
            guard let spec = byID[c.criterion] else {
                throw ContractCase.FormatError(file: c.file, message: "\"criterion\": no criterion \"\(c.criterion)\" (known: \(criteria.map(\.id).joined(separator: ", ")))")
            }
            let result = try CriteriaEvaluator.evaluate([spec], evidence: try units(c))[0]
            return PhrasingCaseResult(phrasingCase: c, result: result, failure: judge(c, result))
        })
    }

    static func units(_ c: PhrasingCase) throws -> [EvidenceUnit] {
        switch c.source {
        case .commit:
            return EvidenceSources.commits([EvidenceSources.Commit(id: "0000000", message: c.text)], range: "case")
        case .changelog:
            let wholeFile = c.text.split(separator: "\n").contains { $0.hasPrefix("## ") }
            let text = wholeFile ? c.text : "# Changelog\n\n## [\(candidate)] - 2026-02-12\n\n" + c.text
            let document = try Changelog.parse(text, file: c.file, crate: crate)
            return EvidenceSources.changelog(document, after: pinned, upTo: candidate, path: "CHANGELOG.md", origin: "case")
        }
    }

    static func judge(_ c: PhrasingCase, _ r: CriterionResult) -> String? {
        if c.expectPass {
            if r.passed { return nil }
            let near = r.rejected.map { "\($0.why) at \($0.location): \($0.evidence)" }.joined(separator: "; ")
            return "expected pass, got fail" + (near.isEmpty ? " (nothing matched)" : " (rejected: \(near))")
        }
        if r.passed { return "expected fail (\(c.why ?? "")), got pass on \(r.location ?? ""): \(r.evidence ?? "")" }
        guard let why = c.why else { return nil }
        if why == "no match" {
            return r.rejected.isEmpty ? nil : "expected no match, got near misses: \(r.rejected.map(\.why).joined(separator: ", "))"
        }
        if r.rejected.contains(where: { $0.why == why }) { return nil }
        return "expected a near miss \"\(why)\", got " + (r.rejected.isEmpty ? "no match" : r.rejected.map(\.why).joined(separator: ", "))
    }
}
