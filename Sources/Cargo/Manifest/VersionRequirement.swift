import Foundation

/// A Cargo version requirement as written (`"0.1.1"`, `"=0.1.1"`, `"~0.1"`, `">=0.1.1, <0.2"`).
/// gatekeeper needs two things from it: the version the project is pinned at (the lower bound
/// of the first comparator, as cargo resolves a fresh lockfile from) and the operator to keep
/// when bumping.
public struct VersionRequirement: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    /// The operator of the first comparator ("" for a bare version, which cargo reads as `^`).
    public let op: String
    /// The version the first comparator names, with missing parts as written.
    public let versionText: String
    /// That version with missing minor and patch as 0.
    public let pinned: SemVer

    static let operators = [">=", "<=", "=", "^", "~", ">", "<"]

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "requirement \"\(text)\": \(reason)" }
    }

    public init(_ text: String) throws {
        self.text = text
        let first = text.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !first.isEmpty else { throw ParseError(text: text, reason: "empty") }
        if first == "*" || first.contains("*") || first.lowercased().contains("x") && first.split(separator: ".").contains(where: { $0 == "x" || $0 == "X" }) {
            throw ParseError(text: text, reason: "a wildcard requirement pins no version")
        }
        var op = ""
        var rest = Substring(first)
        for candidate in Self.operators where rest.hasPrefix(candidate) {
            op = candidate
            rest = rest.dropFirst(candidate.count)
            break
        }
        if op == "<" || op == "<=" {
            throw ParseError(text: text, reason: "an upper bound first pins no version")
        }
        let version = rest.trimmingCharacters(in: .whitespaces)
        self.op = op
        self.versionText = version
        // Cargo allows "0.1" and "1"; the missing parts are zero for the lower bound.
        let core = version.split(separator: "-", maxSplits: 1).first.map(String.init) ?? version
        let parts = core.split(separator: ".", omittingEmptySubsequences: false).count
        let full = parts >= 3 ? version : version.replacingOccurrences(of: core, with: core + String(repeating: ".0", count: 3 - parts))
        do {
            pinned = try SemVer(full)
        } catch let e as SemVer.ParseError {
            throw ParseError(text: text, reason: e.reason)
        }
    }

    public var description: String { text }

    /// The requirement moved to `version`: the first comparator's version is replaced and
    /// everything else kept (`"~0.1.1"` → `"~0.1.2"`, `">=0.1.1, <0.3"` → `">=0.1.2, <0.3"`).
    public func bumped(to version: SemVer) -> String {
        guard let range = text.range(of: versionText) else { return op + version.description }
        return text.replacingCharacters(in: range, with: version.description)
    }
}

/// Stored as the text a manifest wrote, and read back through the same parser.
extension VersionRequirement: Codable {
    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
