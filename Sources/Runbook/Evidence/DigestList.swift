import Support
/// SHA256SUMS in `sha256sum` format: `<64 hex>  <name>`, one line per file, sorted by name, so
/// `sha256sum -c SHA256SUMS` inside the bundle checks it too.
struct DigestList: Equatable {
    struct Entry: Equatable {
        let name: String
        let sha256: String
    }

    let entries: [Entry]

    init(_ entries: [Entry]) {
        let order = BundlePath.sorted(entries.map(\.name))
        let byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.entries = order.compactMap { byName[$0] }
    }

    var text: String {
        entries.map { "\($0.sha256)  \($0.name)\n" }.joined()
    }

    /// Reads a SHA256SUMS file; `path` names it in errors. Every line must be well formed:
    /// a damaged list is an error, not a partial check.
    static func parse(_ bytes: [UInt8], path: String) throws -> DigestList {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SourceError(file: path, line: nil, message: "not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw SourceError(file: path, line: nil, message: "lists no files") }
        var entries: [Entry] = []
        var firstLine: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.hasPrefix("\\") {
                throw SourceError(file: path, line: number, message: "escaped file names are not supported")
            }
            let utf8 = Array(line.utf8)
            guard utf8.count > 66, isHex(utf8[0..<64]), utf8[64] == UInt8(ascii: " "),
                  utf8[65] == UInt8(ascii: " ") || utf8[65] == UInt8(ascii: "*") else {
                throw SourceError(file: path, line: number, message: "expected '<64 hex digits>  <file>', found '\(PrintableText.line(String(line.prefix(80))))'")
            }
            let digest = String(decoding: utf8[0..<64], as: UTF8.self).lowercased()
            let name = String(decoding: utf8[66...], as: UTF8.self)
            if let problem = BundlePath.problem(name) {
                throw SourceError(file: path, line: number, message: problem)
            }
            if name == EvidenceLayout.sums || name == EvidenceLayout.statement {
                throw SourceError(file: path, line: number, message: "lists \(name), which is not hashed")
            }
            if let first = firstLine[name] {
                throw SourceError(file: path, line: number, message: "'\(name)' is listed twice (first on line \(first))")
            }
            firstLine[name] = number
            entries.append(Entry(name: name, sha256: digest))
        }
        return DigestList(entries)
    }

    static func isHex<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }
}
