/// Where and why a JSON text is not valid.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    public let offset: Int

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A forward-only reader over UTF-8 bytes (RFC 8259). It can build values or validate-and-skip
/// them without allocating, which is what lets a capture of thousands of large
/// `message_update` events be read at memory speed while still rejecting any invalid byte.
package struct JSONCursor {
    /// Deeper nesting is refused rather than risking the stack: the reader recurses once per
    /// level, and so does everything that walks a value afterwards. Real documents (index lines,
    /// captures, vcs info, state, evidence) stay under twenty; 256 levels fit with room to spare
    /// in a 512 KiB stack, even in a debug build.
    package static let maxDepth = 256

    package let bytes: UnsafeRawBufferPointer
    package private(set) var position: Int = 0
    private var depth = 0

    package init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    package var isAtEnd: Bool { position >= bytes.count }

    // MARK: errors

    package func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return JSONSyntaxError(message: message, line: line, column: offset - lineStart + 1, offset: offset)
    }

    private func describeByte(at i: Int) -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    // MARK: tokens

    @inline(__always)
    package mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next non-space byte, without consuming it.
    @inline(__always)
    package mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    package mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else {
            throw error("expected \(what), found \(describeByte(at: position))")
        }
        position += 1
    }

    /// Fails unless only whitespace remains.
    package mutating func expectEnd() throws {
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(describeByte(at: position)) after the JSON value")
        }
    }

    // MARK: containers, driven by the caller

    // Containers recurse through `parseValue`/`skipValue`, these two and the caller's closure,
    // once per level: messages are built in functions that return before the next level starts,
    // so each level's frames stay small (debug builds give every temporary its own stack slot).

    /// Iterates an object's members: `body` receives each key with the cursor on its value and
    /// must consume that value (parse or skip it).
    package mutating func readObject(_ body: (inout JSONCursor, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "'{'")
        try enter()
        defer { depth -= 1 }
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            let key = try readKey()
            try body(&self, key)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return
            default: throw unexpected("',' or '}' in object")
            }
        }
    }

    /// A member's key and the colon after it.
    private mutating func readKey() throws -> String {
        guard peek() == UInt8(ascii: "\"") else {
            throw error("expected a string key, found \(describeByte(at: position))")
        }
        let key = try readString()
        try expect(UInt8(ascii: ":"), "':' after key \"\(key)\"")
        return key
    }

    /// Iterates an array: `body` receives each element's index with the cursor on it and must
    /// consume the element.
    package mutating func readArray(_ body: (inout JSONCursor, Int) throws -> Void) throws {
        try expect(UInt8(ascii: "["), "'['")
        try enter()
        defer { depth -= 1 }
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            try body(&self, index)
            index += 1
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return
            default: throw unexpected("',' or ']' in array")
            }
        }
    }

    /// "expected …, found …" at the cursor.
    @inline(never)
    private func unexpected(_ what: StaticString) -> JSONSyntaxError {
        error("expected \(what), found \(describeByte(at: position))")
    }

    /// Counts the level just opened (the cursor is past its bracket, which an error names).
    private mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw error("nesting deeper than \(Self.maxDepth) levels", at: position - 1)
        }
    }

    // MARK: values

    package mutating func parseValue() throws -> JSONValue {
        switch peek() {
        case UInt8(ascii: "{"):
            var members: [JSONObject.Member] = []
            try readObject { (c, key) in
                members.append(JSONObject.Member(key: key, value: try c.parseValue()))
            }
            return .object(JSONObject(members))
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try readArray { (c, _) in elements.append(try c.parseValue()) }
            return .array(elements)
        default:
            return try parseScalar()
        }
    }

    private mutating func parseScalar() throws -> JSONValue {
        guard let b = peek() else { throw error("expected a value, found end of input") }
        switch b {
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            let start = position
            try scanNumber()
            return .number(JSONNumber(text: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)))
        }
    }

    /// Validates the next value and moves past it without building anything.
    package mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "{"):
            try readObject { (c, _) in try c.skipValue() }
        case UInt8(ascii: "["):
            try readArray { (c, _) in try c.skipValue() }
        default:
            try skipScalar()
        }
    }

    private mutating func skipScalar() throws {
        guard let b = peek() else { throw error("expected a value, found end of input") }
        switch b {
        case UInt8(ascii: "\""):
            try scanString(building: false)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try scanNumber()
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let start = position
        guard position + count <= bytes.count else {
            throw error("invalid literal, expected \(word)", at: start)
        }
        let ok = word.withUTF8Buffer { w in
            for i in 0..<count where bytes[start + i] != w[i] { return false }
            return true
        }
        guard ok else { throw error("invalid literal, expected \(word)", at: start) }
        position += count
    }

    private mutating func scanNumber() throws {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw error(position == start ? "unexpected \(describeByte(at: start))" : "invalid number", at: start)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw error("invalid number: leading zero", at: start)
            }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("invalid number: no digit after '.'", at: start)
            }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("invalid number: no digit in exponent", at: start)
            }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
    }

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    // MARK: strings

    package mutating func readString() throws -> String {
        try scanString(building: true) ?? ""
    }

    /// Scans a string starting at its opening quote. Builds it only when asked; validates
    /// escapes and UTF-8 either way. Escaped strings are assembled in one byte buffer, so the
    /// cost stays linear however many escapes there are.
    @discardableResult
    private mutating func scanString(building: Bool) throws -> String? {
        let open = position
        position += 1  // the opening quote
        var runStart = position
        var unescaped: [UInt8] = []  // used (and allocated) only once an escape is met
        var escaped = false
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: open) }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                defer { position += 1 }
                guard building else { return nil }
                let tail = UnsafeRawBufferPointer(rebasing: bytes[runStart..<position])
                guard escaped else { return String(decoding: tail, as: UTF8.self) }
                unescaped.append(contentsOf: tail)
                return String(decoding: unescaped, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                if building {
                    escaped = true
                    unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]))
                }
                let scalar = try scanEscape()
                if building { UTF8.encode(scalar) { unescaped.append($0) } }
                runStart = position
                continue
            }
            if b < 0x20 {
                throw error("control character 0x\(String(b, radix: 16, uppercase: true)) in string; it must be escaped")
            }
            if b < 0x80 {
                position += 1
            } else {
                try scanUTF8Sequence()
            }
        }
    }

    /// Reads one escape (cursor on the backslash) and returns the scalar it stands for.
    private mutating func scanEscape() throws -> Unicode.Scalar {
        let start = position
        position += 1
        guard position < bytes.count else { throw error("unterminated escape", at: start) }
        let c = bytes[position]
        position += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4(start)
            if unit >= 0xD800 && unit < 0xDC00 {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("invalid \\u escape: lone high surrogate", at: start)
                }
                position += 2
                let low = try hex4(start)
                guard low >= 0xDC00 && low < 0xE000 else {
                    throw error("invalid \\u escape: high surrogate not followed by a low one", at: start)
                }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(unit) else {
                throw error("invalid \\u escape: lone low surrogate", at: start)
            }
            return scalar
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: start)
        }
    }

    private mutating func hex4(_ escapeStart: Int) throws -> UInt32 {
        guard let value = HexDigits.hex4(bytes, at: position) else { throw error("invalid \\u escape", at: escapeStart) }
        position += 4
        return value
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func scanUTF8Sequence() throws {
        let start = position
        let b0 = bytes[position]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw error("invalid UTF-8 byte 0x\(String(b0, radix: 16, uppercase: true))", at: start)
        }
        guard position + length <= bytes.count else { throw error("truncated UTF-8 sequence", at: start) }
        let b1 = bytes[position + 1]
        guard b1 >= lower && b1 <= upper else { throw error("invalid UTF-8 sequence", at: start) }
        for i in 2..<length where bytes[position + i] & 0xC0 != 0x80 {
            throw error("invalid UTF-8 sequence", at: start)
        }
        position += length
    }
}

/// Reading whole JSON documents.
public enum JSONReader {
    /// Parses one complete JSON text.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
        var cursor = JSONCursor(bytes)
        if cursor.peek() == nil {
            throw cursor.error(bytes.isEmpty ? "empty input" : "no JSON value, only whitespace")
        }
        let value = try cursor.parseValue()
        try cursor.expectEnd()
        return value
    }

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBytes { try parse($0) }
    }

    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }
}
