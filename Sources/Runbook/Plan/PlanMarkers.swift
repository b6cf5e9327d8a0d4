import Foundation

/// PLAN.md checklists with machine-readable markers: `- [ ] New version published <!-- gate:published -->`.
/// Markers are `<kind>:<id>` tokens inside an HTML comment (invisible when rendered); a line may
/// carry several, and is ticked only when all of them are proven.
public enum PlanMarkers {
    public struct Item: Sendable, Equatable {
        /// 1-based line number.
        public let line: Int
        public let checked: Bool
        public let text: String
        public let markers: [String]
    }

    /// Every checklist line (`- [ ]`, `* [x]`, `1. [ ]`), with its markers.
    public static func items(in text: String) -> [Item] {
        lines(text).enumerated().compactMap { index, line in
            guard let box = checkbox(in: line.content) else { return nil }
            let body = String(line.content[line.content.index(box.range.upperBound, offsetBy: 0)...])
            return Item(line: index + 1, checked: box.checked, text: stripMarkers(body).trimmingCharacters(in: .whitespaces),
                        markers: markers(in: line.content))
        }
    }

    /// Ticks the unchecked lines all of whose markers are in `proven`; every other byte stays.
    /// Returns the new text and the 1-based numbers of the lines ticked.
    public static func tick(_ text: String, proven: Set<String>) -> (text: String, ticked: [Int]) {
        var out = ""
        var ticked: [Int] = []
        for (index, line) in lines(text).enumerated() {
            let ids = markers(in: line.content)
            if !ids.isEmpty, ids.allSatisfy(proven.contains), let box = checkbox(in: line.content), !box.checked {
                var content = line.content
                content.replaceSubrange(box.range, with: "[x]")
                out += content + line.terminator
                ticked.append(index + 1)
            } else {
                out += line.content + line.terminator
            }
        }
        return (out, ticked)
    }

    /// Replaces `token` (e.g. NEW_VERSION) everywhere; returns nil when it does not occur.
    public static func replacing(_ token: String, with value: String, in text: String) -> String? {
        text.contains(token) ? text.replacingOccurrences(of: token, with: value) : nil
    }

    // MARK: parts

    struct Line {
        let content: String
        let terminator: String
    }

    /// Lines with their own terminators ("\n", "\r\n" or none), so joining them gives back the
    /// text byte for byte. Split on bytes: Swift reads "\r\n" as one Character.
    static func lines(_ text: String) -> [Line] {
        let bytes = Array(text.utf8)
        var result: [Line] = []
        var start = 0
        while start < bytes.count {
            guard let nl = bytes[start...].firstIndex(of: 0x0A) else {
                result.append(Line(content: String(decoding: bytes[start...], as: UTF8.self), terminator: ""))
                break
            }
            let hasCR = nl > start && bytes[nl - 1] == 0x0D
            let end = hasCR ? nl - 1 : nl
            result.append(Line(content: String(decoding: bytes[start..<end], as: UTF8.self), terminator: hasCR ? "\r\n" : "\n"))
            start = nl + 1
        }
        return result
    }

    /// The `[ ]` / `[x]` of a checklist line.
    static func checkbox(in line: String) -> (range: Range<String.Index>, checked: Bool)? {
        var i = line.startIndex
        while i < line.endIndex, line[i] == " " || line[i] == "\t" { i = line.index(after: i) }
        guard i < line.endIndex else { return nil }
        if "-*+".contains(line[i]) {
            i = line.index(after: i)
        } else {
            let digits = line[i...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return nil }
            i = line.index(i, offsetBy: digits.count)
            guard i < line.endIndex, line[i] == "." || line[i] == ")" else { return nil }
            i = line.index(after: i)
        }
        guard i < line.endIndex, line[i] == " " else { return nil }
        while i < line.endIndex, line[i] == " " { i = line.index(after: i) }
        let rest = line[i...]
        for (mark, checked) in [("[ ]", false), ("[x]", true), ("[X]", true)] where rest.hasPrefix(mark) {
            return (i..<line.index(i, offsetBy: 3), checked)
        }
        return nil
    }

    /// `kind:id` tokens inside `<!-- … -->` comments of a line.
    static func markers(in line: String) -> [String] {
        var found: [String] = []
        var rest = Substring(line)
        while let open = rest.range(of: "<!--"), let close = rest[open.upperBound...].range(of: "-->") {
            for token in rest[open.upperBound..<close.lowerBound].split(whereSeparator: \.isWhitespace) {
                let parts = token.split(separator: ":", maxSplits: 1)
                if parts.count == 2, ["gate", "step", "accept"].contains(String(parts[0])), !parts[1].isEmpty {
                    found.append(String(token))
                }
            }
            rest = rest[close.upperBound...]
        }
        return found
    }

    private static func stripMarkers(_ text: String) -> String {
        var out = text
        while let open = out.range(of: "<!--"), let close = out[open.upperBound...].range(of: "-->") {
            out.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return out
    }
}
