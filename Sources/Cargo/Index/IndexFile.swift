import Support

/// One published version, as a sparse index line records it.
public struct IndexEntry: Sendable, Equatable {
    public let name: String
    public let version: SemVer
    /// SHA-256 of the `.crate`, lower-case hex.
    public let checksum: String
    public let yanked: Bool
    /// RFC 3339 publication time, when the registry records one (`pubtime`).
    public let publishedAt: String?
    /// 1-based line in the index file.
    public let line: Int

    public init(name: String, version: SemVer, checksum: String, yanked: Bool, publishedAt: String?, line: Int) {
        self.name = name
        self.version = version
        self.checksum = checksum
        self.yanked = yanked
        self.publishedAt = publishedAt
        self.line = line
    }
}

/// A crate's index file: one JSON object per line; unknown fields are ignored, a malformed
/// line is an error naming its number.
public enum IndexFile {
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        public let source: String
        public let line: Int
        public let message: String
        public var description: String { "\(source):\(line): \(message)" }
    }

    public static func parse(_ bytes: [UInt8], source: String, crate: String) throws -> [IndexEntry] {
        var entries: [IndexEntry] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            entries.append(try entry(Array(line), source: source, line: lineNumber, crate: crate))
        }
        return entries
    }

    private static func entry(_ bytes: [UInt8], source: String, line: Int, crate: String) throws -> IndexEntry {
        func fail(_ message: String) -> Malformed { Malformed(source: source, line: line, message: message) }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch let e as JSONSyntaxError {
            throw fail("not valid JSON: column \(e.column): \(e.message)")
        }
        guard case .object(let o) = value else { throw fail("expected a JSON object, got \(value.typeDescription)") }
        guard case .string(let name)? = o["name"] else { throw fail("\"name\" must be a string") }
        guard name.lowercased() == crate.lowercased() else { throw fail("entry for \"\(name)\" in the index file of \"\(crate)\"") }
        guard case .string(let vers)? = o["vers"] else { throw fail("\"vers\" must be a string") }
        let version: SemVer
        do {
            version = try SemVer(vers)
        } catch {
            throw fail("\(error)")
        }
        guard case .string(let cksum)? = o["cksum"], cksum.count == 64,
              cksum.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw fail("\"cksum\" must be 64 lower-case hex digits")
        }
        let yanked: Bool
        switch o["yanked"] {
        case nil: yanked = false
        case .bool(let y)?: yanked = y
        case let other?: throw fail("\"yanked\" must be a boolean, got \(other.typeDescription)")
        }
        var publishedAt: String? = nil
        switch o["pubtime"] {
        case nil, .null?: break
        case .string(let t)?: publishedAt = t
        case let other?: throw fail("\"pubtime\" must be a string, got \(other.typeDescription)")
        }
        return IndexEntry(name: name, version: version, checksum: cksum, yanked: yanked, publishedAt: publishedAt, line: line)
    }
}
