import Foundation

/// The quote a report shows for a claim: the unit on one line, at most `limit` characters,
/// cut around the match with `…` so the words that decided stay in view.
public enum ClaimQuote {
    public static let limit = 160

    public static func make(_ text: String, match: NSRange? = nil, limit: Int = limit) -> String {
        // Most claims are one short, clean line: nothing to cut or replace.
        if text.utf16.count <= limit, isCleanASCIILine(text) {
            return text
        }
        let ns = text as NSString
        let range = match.flatMap { $0.location == NSNotFound ? nil : $0 } ?? NSRange(location: 0, length: 0)
        let before = oneLine(ns.substring(to: range.location))
        let matched = oneLine(ns.substring(with: range))
        let after = oneLine(ns.substring(from: range.location + range.length))
        let whole = (before + matched + after).trimmedSpaces
        if whole.count <= limit { return whole }

        var head = Array(before.drop { $0 == " " })
        var body = Array(matched)
        var tail = Array(after)
        while tail.last == " " { tail.removeLast() }
        // The match itself may be longer than the room: keep its start.
        let room = limit - 2
        if body.count >= room {
            body = Array(body.prefix(room))
            return (head.isEmpty ? "" : "…") + String(body) + "…"
        }
        let spare = room - body.count
        // Half the spare room before the match, the rest (and any unused) after it.
        var keepHead = min(head.count, spare / 2)
        let keepTail = min(tail.count, spare - keepHead)
        keepHead = min(head.count, spare - keepTail)
        let cutHead = keepHead < head.count
        let cutTail = keepTail < tail.count
        head = Array(head.suffix(keepHead))
        tail = Array(tail.prefix(keepTail))
        return (cutHead ? "…" : "") + String(head) + String(body) + String(tail) + (cutTail ? "…" : "")
    }

    /// Printable ASCII with single inner spaces: `oneLine` would return it unchanged. Anything
    /// else (non-ASCII included) takes the full path.
    static func isCleanASCIILine(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        return previous != 0x20
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format && scalar.value != 0x200D
    }

    /// Runs of white space (new lines included) become one space; other control characters
    /// become U+FFFD, so a quote can never move a terminal's cursor or colour.
    static func oneLine(_ s: String) -> String {
        var out = ""
        var space = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !space { out.unicodeScalars.append(" ") }
                space = true
                continue
            }
            space = false
            if isControl(scalar) {
                out.unicodeScalars.append("\u{FFFD}")
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
