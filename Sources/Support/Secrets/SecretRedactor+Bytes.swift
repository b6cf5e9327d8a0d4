import Foundation

/// Redaction of whole files and of streamed output. Works on bytes, so a large capture is never
/// decoded into a String, and looks for every spelling in `spellings(of:)` (a log or JUnit file
/// holding `p&amp;ss` still leaks `p&ss`), in one pass (`SecretMatcher`).
extension SecretRedactor {
    /// The bytes with every spelling of every secret replaced by `[redacted:NAME]`; the same
    /// array when there is none.
    public func redact(bytes: [UInt8]) -> [UInt8] {
        guard !isEmpty else { return bytes }
        let regions = matcher.scan(bytes).regions
        return regions.isEmpty ? bytes : matcher.apply(regions, to: bytes, upTo: bytes.count)
    }

    /// True when any spelling of any secret occurs in the bytes.
    public func leaks(in bytes: [UInt8]) -> Bool {
        !matcher.scan(bytes, firstOnly: true).regions.isEmpty
    }

    /// Text that arrives a line at a time (a command's live output), so a secret may be split
    /// between what has come and what is still to come. `text` is the lines not yet shown,
    /// joined by `\n`. Returns the lines that can be shown now, redacted and joined by `\n`
    /// (nil: none), and the raw lines to hold until the next one comes: from the line where a
    /// spelling starts that the text ends inside. Nothing is held otherwise.
    package func redactStream(_ text: [UInt8]) -> (ready: [UInt8]?, held: [UInt8]) {
        guard !isEmpty else { return (text, []) }
        let scan = matcher.scan(text, stream: true)
        guard let unfinished = scan.unfinished else {
            return (matcher.apply(scan.regions, to: text, upTo: text.count), [])
        }
        // Hold from the start of that line, and further back while a found secret reaches it.
        var cut = Self.lineStart(text, unfinished)
        while let crossing = scan.regions.last(where: { $0.start < cut && $0.end >= cut }) {
            cut = Self.lineStart(text, crossing.start)
        }
        let held = Array(text[cut...])
        guard cut > 0 else { return (nil, held) }
        // Bytes before `cut` end with the line break that ends the last line shown.
        return (matcher.apply(scan.regions.filter { $0.end < cut }, to: text, upTo: cut - 1), held)
    }

    static func lineStart(_ text: [UInt8], _ at: Int) -> Int {
        var i = at
        while i > 0, text[i - 1] != UInt8(ascii: "\n") { i -= 1 }
        return i
    }

    /// Every string, key and number of a JSON document redacted. A number that spells a secret
    /// becomes the redaction string: leaving it would leak, rewriting its digits would lie.
    public func redact(_ value: JSONValue) -> JSONValue {
        if isEmpty { return value }
        switch value {
        case .null, .bool: return value
        case .number(let n):
            let text = redact(n.text)
            return text == n.text ? value : .string(text)
        case .string(let s): return .string(redact(s))
        case .array(let elements): return .array(elements.map(redact))
        case .object(let object):
            return .object(JSONObject(object.members.map { .init(key: redact($0.key), value: redact($0.value)) }))
        }
    }

    // MARK: byte search

    /// memchr for the first byte, memcmp for the rest: fast enough for captures of many MB.
    package static func firstOccurrence(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pin -> Int? in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                let last = hay.count - needle.count
                var i = start
                while i <= last {
                    guard let found = memchr(base + i, Int32(needle[0]), last - i + 1) else { return nil }
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + at, pinBase, needle.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }
}
