/// Appends JSON text straight to a byte buffer. Building a value tree first would make a 50 MB
/// capture cost seconds; this writes it at memory speed. Commas are placed automatically.
struct JSONBytes {
    /// How the path that saved the capture spells JSON.
    enum Style {
        /// serde_json: no spaces, non-ASCII as raw UTF-8.
        case compact
        /// Python `json.dumps` defaults: ", " and ": ", non-ASCII as `\uXXXX` (ensure_ascii).
        case python
    }

    let style: Style
    private(set) var out: [UInt8] = []
    /// One flag per open container: true until its first member or element is written.
    private var fresh: [Bool] = []
    private var afterKey = false

    init(style: Style, capacity: Int = 0) {
        self.style = style
        out.reserveCapacity(capacity)
    }

    var count: Int { out.count }

    mutating func take() -> [UInt8] {
        defer { out = [] }
        return out
    }

    // MARK: containers

    mutating func beginObject(onNewLine: Bool = false) {
        separate(onNewLine: onNewLine)
        out.append(UInt8(ascii: "{"))
        fresh.append(true)
    }

    mutating func endObject() {
        fresh.removeLast()
        out.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        separate()
        out.append(UInt8(ascii: "["))
        fresh.append(true)
    }

    mutating func endArray(onNewLine: Bool = false) {
        fresh.removeLast()
        if onNewLine { out.append(UInt8(ascii: "\n")) }
        out.append(UInt8(ascii: "]"))
    }

    mutating func key(_ k: String) {
        separate()
        appendQuoted(k)
        out.append(UInt8(ascii: ":"))
        if style == .python { out.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    // MARK: values

    mutating func string(_ s: String) {
        separate()
        appendQuoted(s)
    }

    /// A string whose escaped body is already at hand (the shared text of all updates).
    mutating func escapedString(_ body: ArraySlice<UInt8>) {
        separate()
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: body)
        out.append(UInt8(ascii: "\""))
    }

    mutating func int(_ v: Int) {
        separate()
        out.append(contentsOf: String(v).utf8)
    }

    /// A number already spelled as JSON (costs).
    mutating func number(_ text: String) {
        separate()
        out.append(contentsOf: text.utf8)
    }

    mutating func null() {
        separate()
        out.append(contentsOf: "null".utf8)
    }

    mutating func member(_ k: String, _ s: String) {
        key(k)
        string(s)
    }

    mutating func member(_ k: String, _ v: Int) {
        key(k)
        int(v)
    }

    // MARK: helpers

    private mutating func separate(onNewLine: Bool = false) {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = fresh.indices.last else { return }
        if !fresh[last] {
            out.append(UInt8(ascii: ","))
            if style == .python && !onNewLine { out.append(UInt8(ascii: " ")) }
        }
        fresh[last] = false
        if onNewLine { out.append(UInt8(ascii: "\n")) }
    }

    private mutating func appendQuoted(_ s: String) {
        out.append(UInt8(ascii: "\""))
        Self.escape(s, style: style, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The body of a JSON string literal for `s`, without the quotes.
    static func escape(_ s: String, style: Style, into out: inout [UInt8]) {
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: #"\""#.utf8)
            case "\\": out.append(contentsOf: #"\\"#.utf8)
            case "\n": out.append(contentsOf: #"\n"#.utf8)
            case "\r": out.append(contentsOf: #"\r"#.utf8)
            case "\t": out.append(contentsOf: #"\t"#.utf8)
            case "\u{08}": out.append(contentsOf: #"\b"#.utf8)
            case "\u{0C}": out.append(contentsOf: #"\f"#.utf8)
            default:
                let v = scalar.value
                if v < 0x20 {
                    appendUnicodeEscape(UInt16(v), into: &out)
                } else if v < 0x80 || style == .compact {
                    out.append(contentsOf: String(scalar).utf8)
                } else if v < 0x10000 {
                    appendUnicodeEscape(UInt16(v), into: &out)
                } else {
                    // Astral scalars become a surrogate pair, as Python writes them.
                    let u = v - 0x10000
                    appendUnicodeEscape(UInt16(0xD800 + (u >> 10)), into: &out)
                    appendUnicodeEscape(UInt16(0xDC00 + (u & 0x3FF)), into: &out)
                }
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendUnicodeEscape(_ unit: UInt16, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}
