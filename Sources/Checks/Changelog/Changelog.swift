import Foundation
import Support
import Cargo

/// One version's section of a changelog.
public struct ChangelogSection: Sendable, Equatable {
    public let version: SemVer
    public let heading: String
    /// 1-based line of the heading.
    public let line: Int
    /// The crate the heading names, when it names one (`## alchemy-core 0.2.0`).
    public let crate: String?
    /// The section's claims, in file order, with those that cannot count marked (comments,
    /// entries under an intent sub-heading, another crate's section).
    public let entries: [ChangelogEntry]
}

public struct ChangelogEntry: Sendable, Equatable {
    public let text: String
    /// 1-based line where the entry starts.
    public let line: Int
    /// Why the entry cannot be evidence, whatever it says; nil when it can.
    public let setAside: Rejection?
}

/// A parsed changelog: this crate's release sections, and what sits outside them but could be
/// mistaken for release notes (`[Unreleased]`, other crates' sections), kept for near misses.
public struct ChangelogDocument: Sendable, Equatable {
    public let sections: [ChangelogSection]
    /// Entries under `[Unreleased]`, each set aside as `.unreleased`.
    public let unreleased: [ChangelogEntry]
    /// Sections whose heading names another crate; their entries are set aside as `.otherCrate`.
    public let otherCrates: [ChangelogSection]

    /// This crate's sections after `after` up to and including `upTo`, newest first.
    public func sections(after: SemVer, upTo: SemVer) -> [ChangelogSection] {
        Self.inRange(sections, after: after, upTo: upTo)
    }

    /// Other crates' sections for versions in the same range.
    public func otherCrates(after: SemVer, upTo: SemVer) -> [ChangelogSection] {
        Self.inRange(otherCrates, after: after, upTo: upTo)
    }

    static func inRange(_ all: [ChangelogSection], after: SemVer, upTo: SemVer) -> [ChangelogSection] {
        all.filter { $0.version.precedence(after) > 0 && $0.version.precedence(upTo) <= 0 }
            .sorted { $0.version > $1.version }
    }
}

/// Reads Keep a Changelog files and the common variants of their version headings:
/// `## [0.1.2] - 2026-02-12`, `## 0.1.2`, `## v0.1.2`, `## [v0.1.2](link)`, `## crate-name 0.1.2`,
/// `## Release 0.1.2`. What a reader does not see (HTML comments, fenced code) never becomes a
/// claim; what is not a release's fact (`[Unreleased]`, `### Known issues`, another crate's
/// heading) is kept but set aside.
public enum Changelog {
    public struct ShapeError: Error, Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let message: String
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    /// `crate`: the crate this changelog is read for; a heading naming another crate is then
    /// not one of its sections. Nil accepts any crate name.
    public static func parse(_ text: String, file: String, crate: String? = nil) throws -> ChangelogDocument {
        let lines = VisibleLines.split(text)
        var sections: [ChangelogSection] = []
        var others: [ChangelogSection] = []
        var unreleased: [ChangelogEntry] = []

        enum Scope { case release(SemVer, String?), unreleased }
        var current: (scope: Scope, heading: String, line: Int, level: Int)? = nil
        var body: [VisibleLines.Line] = []

        func close() {
            defer { body = [] }
            guard let c = current else { return }
            switch c.scope {
            case .unreleased:
                unreleased += entries(body, forced: .unreleased)
            case .release(let version, let name):
                let foreign = name.map { !sameCrate($0, crate) } ?? false
                let section = ChangelogSection(
                    version: version, heading: c.heading, line: c.line, crate: name,
                    entries: entries(body, forced: foreign ? .otherCrate(name ?? "") : nil))
                if foreign { others.append(section) } else { sections.append(section) }
            }
        }

        for line in lines {
            if !line.inFence, let level = headingLevel(line.visible) {
                let heading = line.visible.trimmedSpaces
                // `### Unreleased` inside a release section is one of its intent sub-headings.
                if isUnreleasedHeading(line.visible, level: level), current.map({ level <= $0.level }) ?? true {
                    close()
                    current = (.unreleased, heading, line.number, level)
                    continue
                }
                if let (version, name) = try versionHeading(line.visible, level: level, file: file, line: line.number) {
                    close()
                    current = (.release(version, name), heading, line.number, level)
                    continue
                }
                // A heading as high as the section's own ends it (# Older releases).
                if let c = current, level <= c.level {
                    close()
                    current = nil
                    continue
                }
            }
            if current != nil { body.append(line) }
        }
        close()

        var seen: [SemVer: Int] = [:]
        for s in sections {
            if let first = seen[s.version] {
                throw ShapeError(file: file, line: s.line, message: "a second section for \(s.version) (the first is at line \(first))")
            }
            seen[s.version] = s.line
        }
        return ChangelogDocument(sections: sections, unreleased: unreleased, otherCrates: others)
    }

    static func sameCrate(_ a: String, _ b: String?) -> Bool {
        guard let b else { return true }
        func norm(_ s: String) -> String { s.lowercased().replacingOccurrences(of: "_", with: "-") }
        return norm(a) == norm(b)
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// The words of a heading, without `#`, brackets, emphasis, links and a trailing colon.
    static func headingWords(_ line: String, level: Int) -> String {
        var text = String(line.dropFirst(level))
        if let paren = text.range(of: "](") { text = String(text[..<paren.lowerBound]) }
        return text.filter { !"[]*_`:".contains($0) }.trimmedSpaces
    }

    private static func isUnreleasedHeading(_ line: String, level: Int) -> Bool {
        guard level <= 3 else { return false }
        let words = headingWords(line, level: level).lowercased()
        return words == "unreleased" || words.hasPrefix("unreleased ") || words.hasPrefix("unreleased-")
    }

    /// Words that may stand before a version without naming a crate.
    private static let genericPrefixes: Set<String> = ["release", "version", "ver", "tag"]

    /// The version a heading names and the crate it names, if it names a version.
    private static func versionHeading(_ line: String, level: Int, file: String, line number: Int) throws -> (SemVer, String?)? {
        guard level <= 4 else { return nil }
        var rest = Substring(line.dropFirst(level)).drop { $0 == " " }
        if rest.first == "[" { rest = rest.dropFirst() }
        var crateName: String? = nil
        // An optional crate name before the version ("alchemy-llm 0.1.2", "alchemy-llm@0.1.2").
        if let first = rest.first, first.isLetter, !(first == "v" && rest.dropFirst().first?.isNumber == true) {
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            let after = rest.dropFirst(name.count)
            guard let sep = after.first, sep == " " || sep == "@" else { return nil }
            if !genericPrefixes.contains(name.lowercased()) { crateName = String(name) }
            rest = after.dropFirst().drop { $0 == " " }
        }
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        let token = rest.prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }
        guard let first = token.first, first.isNumber, token.contains(".") else { return nil }
        do {
            return (try SemVer(String(token)), crateName)
        } catch {
            // "## 2024.1 notes" and the like are not version sections; a three-part number that
            // does not parse is a malformed one.
            if token.split(separator: ".").count >= 3 {
                throw ShapeError(file: file, line: number, message: "heading names an invalid version: \(error)")
            }
            return nil
        }
    }

    /// A section's claims. Sub-headings split it; those of intent (Known issues, Planned, …)
    /// set aside everything under them until a heading as high. `forced` sets aside all.
    static func entries(_ body: [VisibleLines.Line], forced: Rejection?) -> [ChangelogEntry] {
        var result: [ChangelogEntry] = []
        var run: [(number: Int, text: String)] = []
        var intentLevel: Int? = nil
        func flush() {
            let why = forced ?? (intentLevel != nil ? .intent : nil)
            result += ClaimBlocks.group(run).map { ChangelogEntry(text: $0.text, line: $0.line, setAside: why) }
            run = []
        }
        for line in body {
            for hidden in line.hidden {
                result.append(ChangelogEntry(text: hidden, line: line.number, setAside: forced ?? .comment))
            }
            if line.inFence { continue }
            let trimmed = line.visible.trimmedSpaces
            if let level = headingLevel(trimmed) ?? boldLabelLevel(trimmed) {
                flush()
                if let open = intentLevel, level > open { continue }
                intentLevel = IntentWords.isIntentHeading(headingWords(trimmed, level: level == 7 ? 0 : level)) ? level : nil
                continue
            }
            run.append((line.number, line.visible))
        }
        flush()
        return result.sorted { $0.line < $1.line }
    }

    /// A line that is only bold text (`**Known issues:**`) acts as the lowest sub-heading.
    private static func boldLabelLevel(_ trimmed: String) -> Int? {
        guard trimmed.hasPrefix("**"), trimmed.count > 4 else { return nil }
        let inner = trimmed.dropFirst(2)
        guard let close = inner.range(of: "**") else { return nil }
        let after = inner[close.upperBound...].trimmedSpaces
        return after.isEmpty || after == ":" ? 7 : nil
    }
}
