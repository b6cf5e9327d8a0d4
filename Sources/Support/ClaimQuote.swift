import Foundation

/// The quote a report shows for a claim: the unit on one line as `PrintableText.prose` shows it
/// (white space runs one space, control and format characters as `\u{…}` escapes), at most
/// `limit` characters, cut around the match with `…` — never inside an escape — so the words
/// that decided stay in view.
public enum ClaimQuote {
    public static let limit = 160

    public static func make(_ text: String, match: NSRange? = nil, limit: Int = limit) -> String {
        // Most claims are one short, clean line: nothing to cut or replace.
        if text.utf16.count <= limit, isCleanASCIILine(text) {
            return text
        }
        let ns = text as NSString
        let range = match.flatMap { $0.location == NSNotFound ? nil : $0 } ?? NSRange(location: 0, length: 0)
        let before = PrintableText.prose(ns.substring(to: range.location))
        let matched = PrintableText.prose(ns.substring(with: range))
        let after = PrintableText.prose(ns.substring(from: range.location + range.length))
        let whole = (before + matched + after).trimmedSpaces
        if whole.count <= limit { return whole }

        var head = Array(pieces(before).drop { $0 == " " })
        var body = pieces(matched)
        var tail = pieces(after)
        while tail.last == " " { tail.removeLast() }
        // The match itself may be longer than the room: keep its start.
        let room = limit - 2
        if width(body) >= room {
            body = prefix(body, fitting: room)
            return (head.isEmpty ? "" : "…") + body.joined() + "…"
        }
        let spare = room - width(body)
        let headWidth = width(head), tailWidth = width(tail)
        // Half the spare room before the match, the rest (and any unused) after it.
        var keepHead = min(headWidth, spare / 2)
        let keepTail = min(tailWidth, spare - keepHead)
        keepHead = min(headWidth, spare - keepTail)
        head = suffix(head, fitting: keepHead)
        tail = prefix(tail, fitting: keepTail)
        let cutHead = width(head) < headWidth
        let cutTail = width(tail) < tailWidth
        return (cutHead ? "…" : "") + head.joined() + body.joined() + tail.joined() + (cutTail ? "…" : "")
    }

    /// Printable ASCII with single inner spaces: `PrintableText.prose` would return it
    /// unchanged. Anything else (non-ASCII included) takes the full path.
    static func isCleanASCIILine(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        return previous != 0x20
    }

    /// What a cut may not split: a character, or a whole `\u{…}` escape of `PrintableText`.
    static func pieces(_ text: String) -> [String] {
        let chars = Array(text)
        var out: [String] = []
        out.reserveCapacity(chars.count)
        var k = 0
        while k < chars.count {
            if chars[k] == "\\", k + 3 < chars.count, chars[k + 1] == "u", chars[k + 2] == "{" {
                var j = k + 3
                while j < chars.count, j - k <= 11, chars[j].isHexDigit, chars[j].unicodeScalars.count == 1 { j += 1 }
                if j > k + 3, j < chars.count, chars[j].unicodeScalars.first == "}" {
                    out.append(String(chars[k...j]))
                    k = j + 1
                    continue
                }
            }
            out.append(String(chars[k]))
            k += 1
        }
        return out
    }

    static func width(_ pieces: [String]) -> Int {
        pieces.reduce(0) { $0 + $1.count }
    }

    static func prefix(_ pieces: [String], fitting room: Int) -> [String] {
        var used = 0
        var out: [String] = []
        for piece in pieces {
            used += piece.count
            if used > room { break }
            out.append(piece)
        }
        return out
    }

    static func suffix(_ pieces: [String], fitting room: Int) -> [String] {
        Array(prefix(pieces.reversed(), fitting: room).reversed())
    }
}
