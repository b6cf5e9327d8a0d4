import Foundation
import Support
/// Reads TOML 1.0 documents (the subset of the spec cargo and gatekeeper files use is all of it)
/// into tables that remember where each value was written.
public enum TOMLReader {
    /// How deep a value may sit: the arrays, inline tables and tables (by header or dotted key,
    /// the root not counted) around it. Real manifests and lockfiles stay under ten; the parser
    /// recurses per level, and so does everything that walks the tree afterwards, so deeper
    /// input is an error naming its line rather than a stack overflow.
    public static let maxDepth = 128

    public static func parse(_ text: String) throws -> TOMLTable {
        var parser = TOMLParser(Array(text.utf8))
        return try parser.parseDocument()
    }

    /// The same, with a failure naming the file: `SourceError` is the one file/line error
    /// every reader of a config, manifest or lockfile throws.
    public static func parse(_ text: String, file: String) throws -> TOMLTable {
        do {
            return try parse(text)
        } catch let e as TOMLError {
            throw SourceError(file: file, line: e.line, message: e.message)
        }
    }
}

struct TOMLParser {
    let b: [UInt8]
    var i = 0
    private let lineStarts: [Int]
    private var root = TOMLTable(origin: .root)
    /// The table that key/value lines go into.
    private var current: [String] = []
    /// Containers (tables, arrays, inline tables; not the root) around what is being read.
    var depth = 0

    init(_ bytes: [UInt8]) {
        b = bytes
        var starts = [0]
        for (k, c) in bytes.enumerated() where c == 0x0A { starts.append(k + 1) }
        lineStarts = starts
    }

    func line(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    func fail(_ message: String, at offset: Int? = nil) -> TOMLError {
        TOMLError(line: line(at: offset ?? i), message: message)
    }

    func tooDeep(at offset: Int? = nil) -> TOMLError {
        fail("nesting deeper than \(TOMLReader.maxDepth) levels (arrays, inline tables and tables)", at: offset)
    }

    var peek: UInt8? { i < b.count ? b[i] : nil }

    func describe(_ c: UInt8?) -> String {
        guard let c else { return "end of file" }
        if c == 0x0A { return "end of line" }
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    // MARK: document

    mutating func parseDocument() throws -> TOMLTable {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while true {
            skipSpaces()
            guard let c = peek else { break }
            switch c {
            case UInt8(ascii: "#"): try skipComment()
            case 0x0A: i += 1
            case 0x0D:
                guard i + 1 < b.count, b[i + 1] == 0x0A else { throw fail("bare carriage return") }
                i += 2
            case UInt8(ascii: "["): try parseHeader()
            default: try parseKeyValueLine()
            }
        }
        return root
    }

    private mutating func endOfLine() throws {
        skipSpaces()
        if peek == UInt8(ascii: "#") { try skipComment() }
        switch peek {
        case nil: return
        case 0x0A?: i += 1
        case 0x0D? where i + 1 < b.count && b[i + 1] == 0x0A: i += 2
        default: throw fail("expected the end of the line, found \(describe(peek))")
        }
    }

    mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 { i += 1 }
    }

    /// Spaces, newlines and comments (inside arrays).
    mutating func skipBlank() throws {
        while let c = peek {
            if c == 0x20 || c == 0x09 || c == 0x0A { i += 1 }
            else if c == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { i += 2 }
            else if c == UInt8(ascii: "#") { try skipComment() }
            else { return }
        }
    }

    mutating func skipComment() throws {
        while let c = peek, c != 0x0A {
            if c == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { return }
            if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character in comment") }
            i += 1
        }
    }

    // MARK: headers and key/value lines

    private mutating func parseHeader() throws {
        let start = i
        let isArray = i + 1 < b.count && b[i + 1] == UInt8(ascii: "[")
        i += isArray ? 2 : 1
        skipSpaces()
        let path = try parseKey()
        if path.count > TOMLReader.maxDepth { throw tooDeep(at: start) }
        skipSpaces()
        guard peek == UInt8(ascii: "]") else { throw fail("expected ']' to close the table header, found \(describe(peek))") }
        i += 1
        if isArray {
            guard peek == UInt8(ascii: "]") else { throw fail("expected ']]' to close the array-of-tables header") }
            i += 1
        }
        let headerLine = line(at: start)
        try TOMLTree.defineHeader(&root, path: path[...], isArray: isArray, line: headerLine, span: TOMLSpan(start: start, end: i, line: headerLine))
        current = path
        try endOfLine()
    }

    private mutating func parseKeyValueLine() throws {
        let keyStart = i
        let path = try parseKeyAndEquals()
        // The tables a dotted key creates count as levels too.
        depth = current.count + path.count - 1
        if depth > TOMLReader.maxDepth { throw tooDeep(at: keyStart) }
        let node = try parseValue()
        try TOMLTree.setValue(&root, tablePath: current[...], keyPath: path[...], node: node, line: line(at: keyStart))
        try endOfLine()
    }

    /// A dotted key: bare, "basic" or 'literal' parts.
    mutating func parseKey() throws -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let c = peek else { throw fail("expected a key, found end of file") }
            switch c {
            case UInt8(ascii: "\""):
                if b[i...].starts(with: [0x22, 0x22, 0x22]) { throw fail("a key cannot be a multi-line string") }
                parts.append(try parseBasicString())
            case UInt8(ascii: "'"):
                if b[i...].starts(with: [0x27, 0x27, 0x27]) { throw fail("a key cannot be a multi-line string") }
                parts.append(try parseLiteralString())
            default:
                let start = i
                while let c = peek, isBareKeyByte(c) { i += 1 }
                if i == start { throw fail("expected a key, found \(describe(peek))") }
                parts.append(String(decoding: b[start..<i], as: UTF8.self))
            }
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { return parts }
            i += 1
        }
    }

    private func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }
}
