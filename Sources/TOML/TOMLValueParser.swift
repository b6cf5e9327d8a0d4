import Foundation
extension TOMLParser {
    /// Arrays and inline tables recurse through here, one call of this, `parseArray` or
    /// `parseInlineTable` per level: everything else (scalars, messages, inserting keys) is in
    /// functions that return before the next level starts, so each level's frames stay small
    /// (debug builds give every temporary of a function its own stack slot).
    mutating func parseValue() throws -> TOMLNode {
        let start = i
        let value: TOMLValue
        switch peek {
        case UInt8(ascii: "[")?: value = .array(try parseArray())
        case UInt8(ascii: "{")?: value = .table(try parseInlineTable())
        default: value = try parseScalar()
        }
        return node(value, from: start)
    }

    private func node(_ value: TOMLValue, from start: Int) -> TOMLNode {
        TOMLNode(value: value, span: TOMLSpan(start: start, end: i, line: line(at: start)))
    }

    private mutating func parseScalar() throws -> TOMLValue {
        guard let c = peek else { throw fail("expected a value, found end of file") }
        switch c {
        case UInt8(ascii: "\""):
            return .string(b[i...].starts(with: [0x22, 0x22, 0x22]) ? try parseMultilineBasicString() : try parseBasicString())
        case UInt8(ascii: "'"):
            return .string(b[i...].starts(with: [0x27, 0x27, 0x27]) ? try parseMultilineLiteralString() : try parseLiteralString())
        case UInt8(ascii: "t") where b[i...].starts(with: Array("true".utf8)):
            i += 4
            return .bool(true)
        case UInt8(ascii: "f") where b[i...].starts(with: Array("false".utf8)):
            i += 5
            return .bool(false)
        default:
            return try parseNumberOrDate()
        }
    }

    // MARK: strings

    mutating func parseBasicString() throws -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw fail("unterminated string", at: open) }
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return try utf8(out, at: open)
            case UInt8(ascii: "\\"):
                out += try parseEscape()
            case 0x0A, 0x0D: throw fail("unterminated string (a basic string ends on its line)", at: open)
            default:
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character in string") }
                out.append(c)
                i += 1
            }
        }
    }

    mutating func parseMultilineBasicString() throws -> String {
        let open = i
        i += 3
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw fail("unterminated multi-line string", at: open) }
            if b[i...].starts(with: [0x22, 0x22, 0x22]) {
                // Up to two quotes may sit right before the closing delimiter.
                var extra = 0
                while i + 3 + extra < b.count, b[i + 3 + extra] == 0x22, extra < 2 { extra += 1 }
                out += Array(repeating: 0x22, count: extra)
                i += 3 + extra
                return try utf8(out, at: open)
            }
            if c == UInt8(ascii: "\\") {
                // A line-ending backslash trims the newline and the blanks after it.
                var j = i + 1
                while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                if j < b.count, b[j] == 0x0A || (b[j] == 0x0D && j + 1 < b.count && b[j + 1] == 0x0A) {
                    i = j
                    while let d = peek, d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D { i += 1 }
                    continue
                }
                out += try parseEscape()
                continue
            }
            if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F { throw fail("control character in string") }
            out.append(c)
            i += 1
        }
    }

    mutating func parseLiteralString() throws -> String {
        let open = i
        i += 1
        let start = i
        while true {
            guard let c = peek else { throw fail("unterminated string", at: open) }
            if c == UInt8(ascii: "'") {
                let s = try utf8(Array(b[start..<i]), at: open)
                i += 1
                return s
            }
            if c == 0x0A || c == 0x0D { throw fail("unterminated string (a literal string ends on its line)", at: open) }
            if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character in string") }
            i += 1
        }
    }

    mutating func parseMultilineLiteralString() throws -> String {
        let open = i
        i += 3
        skipFirstNewline()
        let start = i
        while i < b.count {
            if b[i...].starts(with: [0x27, 0x27, 0x27]) {
                var extra = 0
                while i + 3 + extra < b.count, b[i + 3 + extra] == 0x27, extra < 2 { extra += 1 }
                let s = try utf8(Array(b[start..<(i + extra)]), at: open)
                i += 3 + extra
                return s
            }
            i += 1
        }
        throw fail("unterminated multi-line string", at: open)
    }

    private mutating func skipFirstNewline() {
        if peek == 0x0A { i += 1 } else if peek == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { i += 2 }
    }

    private mutating func parseEscape() throws -> [UInt8] {
        let start = i
        i += 1
        guard let c = peek else { throw fail("unterminated escape") }
        i += 1
        switch c {
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "e"): return [0x1B]
        case UInt8(ascii: "\""): return [0x22]
        case UInt8(ascii: "\\"): return [0x5C]
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = c == UInt8(ascii: "u") ? 4 : 8
            guard i + digits <= b.count, let v = UInt32(String(decoding: b[i..<(i + digits)], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(v) else {
                throw fail("invalid unicode escape", at: start)
            }
            i += digits
            return Array(String(Character(scalar)).utf8)
        default:
            throw fail("invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: start)
        }
    }

    private func utf8(_ bytes: [UInt8], at offset: Int) throws -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8 in string", at: offset) }
        return s
    }

    // MARK: arrays and inline tables

    /// Counts one more level around what is read next; the caller undoes it.
    private mutating func enter() throws {
        if depth >= TOMLReader.maxDepth { throw tooDeep() }
        depth += 1
    }

    private mutating func parseArray() throws -> [TOMLNode] {
        try enter()
        defer { depth -= 1 }
        i += 1
        var elements: [TOMLNode] = []
        while true {
            try skipBlank()
            if peek == UInt8(ascii: "]") {
                i += 1
                return elements
            }
            elements.append(try parseValue())
            try skipBlank()
            switch peek {
            case UInt8(ascii: ",")?: i += 1
            case UInt8(ascii: "]")?:
                i += 1
                return elements
            default: throw expected("',' or ']' in array")
            }
        }
    }

    private mutating func parseInlineTable() throws -> TOMLTable {
        try enter()
        defer { depth -= 1 }
        let level = depth
        i += 1
        var table = TOMLTable(origin: .inline)
        skipSpaces()
        if peek == UInt8(ascii: "}") {
            i += 1
            return table
        }
        while true {
            let key = try parseInlineKey(level: level)
            let node = try parseValue()
            depth = level
            try insert(node, at: key, into: &table)
            skipSpaces()
            switch peek {
            case UInt8(ascii: ",")?: i += 1
            case UInt8(ascii: "}")?:
                i += 1
                return table
            default: throw expected("',' or '}' in inline table")
            }
        }
    }

    /// A key, its `=` and the spaces around it: the start of every key/value pair, on a line or
    /// in an inline table.
    mutating func parseKeyAndEquals() throws -> [String] {
        let path = try parseKey()
        skipSpaces()
        guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after key \(path.joined(separator: ".")), found \(describe(peek))") }
        i += 1
        skipSpaces()
        return path
    }

    /// `key =` inside an inline table, leaving `depth` at the level its value is read at (the
    /// tables a dotted key creates count).
    private mutating func parseInlineKey(level: Int) throws -> (path: [String], start: Int) {
        skipSpaces()
        let keyStart = i
        let path = try parseKeyAndEquals()
        depth = level + path.count - 1
        if depth > TOMLReader.maxDepth { throw tooDeep(at: keyStart) }
        return (path, keyStart)
    }

    private func insert(_ node: TOMLNode, at key: (path: [String], start: Int), into table: inout TOMLTable) throws {
        try TOMLTree.setValue(&table, tablePath: [], keyPath: key.path[...], node: node, line: line(at: key.start), inline: true)
    }

    private func expected(_ what: String) -> TOMLError {
        fail("expected \(what), found \(describe(peek))")
    }

    // MARK: numbers and dates

    private mutating func parseNumberOrDate() throws -> TOMLValue {
        let start = i
        while let c = peek, isTokenByte(c) { i += 1 }
        // A date and a time may be separated by one space.
        if i - start == 10, peek == 0x20, i + 3 < b.count, isDigit(b[i + 1]), isDigit(b[i + 2]), b[i + 3] == UInt8(ascii: ":") {
            i += 1
            while let c = peek, isTokenByte(c) { i += 1 }
        }
        let token = String(decoding: b[start..<i], as: UTF8.self)
        if token.isEmpty { throw fail("expected a value, found \(describe(peek))") }
        if let value = TOMLNumber.parse(token) { return value }
        throw fail("invalid value \(token)", at: start)
    }

    private func isTokenByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == 0x2B || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x3A
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

/// TOML integers, floats and date-times from their token text.
enum TOMLNumber {
    static func parse(_ token: String) -> TOMLValue? {
        if let date = dateTime(token) { return date }
        switch token {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where token.hasPrefix(prefix) {
            let digits = String(token.dropFirst(2))
            guard validUnderscores(digits), let v = Int(digits.replacingOccurrences(of: "_", with: ""), radix: radix) else { return nil }
            return .integer(v)
        }
        var body = Substring(token)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard let first = body.first, first.isASCII, first.isNumber else { return nil }
        let isFloat = body.contains(".") || body.contains("e") || body.contains("E")
        let intPart = body.prefix { $0 != "." && $0 != "e" && $0 != "E" }
        if intPart.count > 1 && intPart.first == "0" { return nil }
        guard validUnderscores(String(body)) else { return nil }
        let clean = token.replacingOccurrences(of: "_", with: "")
        if isFloat {
            // A dot must have digits on both sides.
            if let dot = body.firstIndex(of: ".") {
                let after = body[body.index(after: dot)...]
                guard let next = after.first, next.isNumber else { return nil }
            }
            return Double(clean).map { .float($0) }
        }
        guard clean.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "+" || $0 == "-") }) else { return nil }
        return Int(clean).map { .integer($0) }
    }

    /// Underscores only between two digits.
    private static func validUnderscores(_ s: String) -> Bool {
        let chars = Array(s)
        for (k, c) in chars.enumerated() where c == "_" {
            guard k > 0, k < chars.count - 1, chars[k - 1].isHexDigit, chars[k + 1].isHexDigit else { return false }
        }
        return true
    }

    private static func dateTime(_ token: String) -> TOMLValue? {
        let c = Array(token.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= c.count && r.allSatisfy { c[$0] >= 0x30 && c[$0] <= 0x39 } }
        let isDate = c.count >= 10 && digits(0..<4) && c[4] == 0x2D && digits(5..<7) && c[7] == 0x2D && digits(8..<10)
        let isTime = c.count >= 8 && digits(0..<2) && c[2] == 0x3A && digits(3..<5) && c[5] == 0x3A && digits(6..<8)
        return isDate || isTime ? .datetime(token) : nil
    }
}
