import Foundation

/// One version's section of a changelog.
public struct ChangelogSection: Sendable, Equatable {
    public let version: SemVer
    public let heading: String
    /// 1-based line of the heading.
    public let line: Int
    /// The section's entries: a bullet with its continuation lines is one entry.
    public let entries: [ChangelogEntry]
}

public struct ChangelogEntry: Sendable, Equatable {
    public let text: String
    /// 1-based line where the entry starts.
    public let line: Int
}

/// Reads Keep a Changelog files and the common variants of their version headings:
/// `## [0.1.2] - 2026-02-12`, `## 0.1.2`, `## v0.1.2`, `## [v0.1.2](link)`, `## crate-name 0.1.2`.
public enum Changelog {
    public struct ShapeError: Error, Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let message: String
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    /// Every version section in the file, in file order.
    public static func parse(_ text: String, file: String) throws -> [ChangelogSection] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var sections: [ChangelogSection] = []
        var current: (version: SemVer, heading: String, line: Int, level: Int)? = nil
        var body: [(Int, String)] = []
        var inFence = false

        func close() {
            if let c = current {
                sections.append(ChangelogSection(version: c.version, heading: c.heading, line: c.line, entries: entries(body)))
            }
            body = []
        }

        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
            if !inFence, let heading = headingLevel(line) {
                if let version = try versionHeading(line, level: heading, file: file, line: number) {
                    close()
                    current = (version, line.trimmingCharacters(in: .whitespaces), number, heading)
                    continue
                }
                // A heading as high as the section's own ends it (## Unreleased, # Older).
                if let c = current, heading <= c.level {
                    close()
                    current = nil
                    continue
                }
            }
            if current != nil { body.append((number, line)) }
        }
        close()

        var seen: [SemVer: Int] = [:]
        for s in sections {
            if let first = seen[s.version] {
                throw ShapeError(file: file, line: s.line, message: "a second section for \(s.version) (the first is at line \(first))")
            }
            seen[s.version] = s.line
        }
        return sections
    }

    /// The sections of the versions after `after` up to and including `upTo`, newest first.
    public static func sections(_ all: [ChangelogSection], after: SemVer, upTo: SemVer) -> [ChangelogSection] {
        all.filter { $0.version.precedence(after) > 0 && $0.version.precedence(upTo) <= 0 }
            .sorted { $0.version > $1.version }
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...4).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// The version a heading names, if it names one.
    private static func versionHeading(_ line: String, level: Int, file: String, line number: Int) throws -> SemVer? {
        var rest = Substring(line.dropFirst(level)).drop { $0 == " " }
        if rest.first == "[" { rest = rest.dropFirst() }
        // An optional crate name before the version ("alchemy-llm 0.1.2", "alchemy-llm@0.1.2").
        if let first = rest.first, first.isLetter, !(first == "v" && rest.dropFirst().first?.isNumber == true) {
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            let after = rest.dropFirst(name.count)
            guard let sep = after.first, sep == " " || sep == "@" else { return nil }
            rest = after.dropFirst().drop { $0 == " " }
        }
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        let token = rest.prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }
        guard let first = token.first, first.isNumber, token.contains(".") else { return nil }
        do {
            return try SemVer(String(token))
        } catch {
            // "## 2024.1 notes" and the like are not version sections; a three-part number that
            // does not parse is a malformed one.
            if token.split(separator: ".").count >= 3 {
                throw ShapeError(file: file, line: number, message: "heading names an invalid version: \(error)")
            }
            return nil
        }
    }

    /// Groups a section's lines into entries: a bullet and its indented continuation lines are
    /// one entry; other non-blank lines stand alone. Sub-headings are dropped.
    static func entries(_ body: [(Int, String)]) -> [ChangelogEntry] {
        var result: [ChangelogEntry] = []
        var open: (line: Int, text: String)? = nil
        func flush() {
            if let o = open { result.append(ChangelogEntry(text: o.text, line: o.line)) }
            open = nil
        }
        for (number, raw) in body {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("```") {
                flush()
                continue
            }
            let isBullet = trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ")
                || trimmed.first.map { $0.isNumber } == true && trimmed.contains(". ")
            let isContinuation = !isBullet && open != nil && raw.first == " "
            if isContinuation {
                open?.text += " " + trimmed
            } else {
                flush()
                open = (number, trimmed)
            }
        }
        flush()
        return result
    }
}
