import Foundation
import Checks
import Cargo

/// What a PLAN.md names that a config can use, as its reader sees it (HTML comments and fenced
/// code are not prose): commit ids written in inline code, and the QA commands block.
public struct PlanReferences: Sendable, Equatable {
    /// A commit abbreviation (7 to 40 hex digits, at least one of them a letter: `4409a50`, not
    /// an issue number) and its line.
    public struct Commit: Sendable, Equatable {
        public let abbreviation: String
        public let line: Int
    }

    /// The first fenced shell block under a heading that says QA, one command per entry.
    public struct Commands: Sendable, Equatable {
        public let commands: [String]
        public let heading: String
        /// The lines of the first and the last command.
        public let lines: ClosedRange<Int>
    }

    public let commits: [Commit]
    public let qa: Commands?

    public static func read(_ text: String) -> PlanReferences {
        let lines = VisibleLines.split(text)
        var commits: [Commit] = []
        for line in lines where !line.inFence {
            for token in ManifestScan.backticked(line.visible) where isAbbreviation(token) {
                let hex = token.lowercased()
                if !commits.contains(where: { $0.abbreviation == hex }) { commits.append(Commit(abbreviation: hex, line: line.number)) }
            }
        }
        return PlanReferences(commits: commits, qa: qaBlock(lines))
    }

    static func isAbbreviation(_ token: String) -> Bool {
        let bytes = Array(token.lowercased().utf8)
        let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let letter = { (b: UInt8) in b >= 0x61 && b <= 0x66 }
        return (7...40).contains(bytes.count) && bytes.allSatisfy { digit($0) || letter($0) } && bytes.contains(where: letter)
    }

    /// Languages a fence of shell commands is written with (none counts too).
    static let shellFences: Set<String> = ["", "bash", "sh", "shell", "console", "zsh", "shell-session"]

    static func qaBlock(_ lines: [VisibleLines.Line]) -> Commands? {
        var k = 0
        while k < lines.count {
            defer { k += 1 }
            guard let section = heading(lines[k]), section.text.range(of: #"(?i)(^|\W)QA(\W|$)"#, options: .regularExpression) != nil else { continue }
            // The block belongs to the section: it ends at the next heading of this level or above.
            var j = k + 1
            while j < lines.count {
                if let next = heading(lines[j]), next.level <= section.level { break }
                let trimmed = lines[j].visible.trimmingCharacters(in: .whitespaces)
                if lines[j].inFence, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    let language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()
                    guard shellFences.contains(language) else { return nil }
                    return commands(lines, from: j + 1, heading: section.text)
                }
                j += 1
            }
        }
        return nil
    }

    private static func heading(_ line: VisibleLines.Line) -> (level: Int, text: String)? {
        guard !line.inFence else { return nil }
        let text = line.visible.trimmingCharacters(in: .whitespaces)
        let level = text.prefix { $0 == "#" }.count
        guard (1...6).contains(level), text.dropFirst(level).first == " " else { return nil }
        return (level, text.dropFirst(level).trimmingCharacters(in: .whitespaces))
    }

    /// The commands of a fence's body: `$ ` prompts dropped, comments and blank lines skipped,
    /// lines continued with a trailing backslash joined.
    private static func commands(_ lines: [VisibleLines.Line], from start: Int, heading: String) -> Commands? {
        var commands: [String] = []
        var first: Int? = nil
        var last = start
        var pending = ""
        var pendingLine = start
        for line in lines[start...] {
            let trimmed = line.visible.trimmingCharacters(in: .whitespaces)
            if !line.inFence || trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { break }
            var command = trimmed.hasPrefix("$ ") ? String(trimmed.dropFirst(2)) : trimmed
            if pending.isEmpty && (command.isEmpty || command.hasPrefix("#")) { continue }
            if command.hasSuffix("\\") {
                if pending.isEmpty { pendingLine = line.number }
                command.removeLast()
                pending += command.trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            first = first ?? (pending.isEmpty ? line.number : pendingLine)
            commands.append((pending + command).trimmingCharacters(in: .whitespaces))
            pending = ""
            last = line.number
        }
        guard let first, !commands.isEmpty else { return nil }
        return Commands(commands: commands, heading: heading, lines: first...last)
    }
}
