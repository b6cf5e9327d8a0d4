import Foundation
import Support

/// Splits Markdown into lines as a reader sees them rendered: the visible text of each line,
/// the text of HTML comments on it (one piece per comment line, for near misses) and whether it
/// sits in a fenced code block.
public enum VisibleLines {
    public struct Line: Equatable, Sendable {
        public let number: Int
        public let visible: String
        public let hidden: [String]
        /// True for a fence's opening and closing lines too.
        public let inFence: Bool
    }

    public static func split(_ text: String) -> [Line] {
        var result: [Line] = []
        var inComment = false
        var fence: String? = nil
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let raw = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            var visible = ""
            var hidden = ""
            var rest = Substring(raw)
            // Most lines hold no comment: skip the search for its markers.
            if !inComment, !raw.utf8.contains(UInt8(ascii: "<")) {
                visible = String(raw)
                rest = ""
            }
            while !rest.isEmpty {
                if inComment {
                    if let end = rest.range(of: "-->") {
                        hidden += rest[..<end.lowerBound]
                        rest = rest[end.upperBound...]
                        inComment = false
                        hidden += "\n"
                    } else {
                        hidden += rest
                        rest = ""
                    }
                } else if let start = rest.range(of: "<!--") {
                    visible += rest[..<start.lowerBound]
                    rest = rest[start.upperBound...]
                    inComment = true
                } else {
                    visible += rest
                    rest = ""
                }
            }
            let pieces = hidden.split(separator: "\n").map { $0.trimmedSpaces }.filter { !$0.isEmpty }
            let trimmed = visible.trimmedSpaces
            var lineInFence = fence != nil
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                lineInFence = true
            }
            result.append(Line(number: number, visible: visible, hidden: pieces, inFence: lineInFence))
        }
        return result
    }
}
