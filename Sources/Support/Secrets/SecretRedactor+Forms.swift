import Foundation

/// The spellings a secret takes on its way to a log. Each is searched by `SecretMatcher`, which
/// also accepts, inside any of them, a byte written percent-encoded (`%2B` or `%2b` for `+`, `+`
/// for a space) and one line break between two characters (a value wrapped at a column, base64
/// wrapped at 76), so those variants need no spelling of their own.
extension SecretRedactor {

    /// Base64 characters a value must leave, at an alignment, for that alignment to be searched:
    /// shorter runs occur by chance in any base64 text (a 4-character value leaves 4 or 5; eight
    /// random base64 characters match by chance once in 2.8 · 10¹⁴ positions). Values of 7
    /// characters or more (ASCII) leave at least 8 at every alignment.
    static let minimumBase64Length = 8

    /// The value as written raw, as a JSON string body, as XML text, and the stable inner part
    /// of its base64 at each of the three alignments (standard and URL-safe alphabets; marked
    /// `base64`: the run of base64 around it is replaced with it).
    static func spellings(of value: String) -> [(bytes: [UInt8], base64: Bool)] {
        let json = JSONWriter.string(.string(value), pretty: false).dropFirst().dropLast()
        // Spelled by the writer that escapes JUnit XML, so the redactor looks for exactly its output.
        let xml = XMLText.escape(value)
        var forms = [Array(value.utf8), Array(json.utf8), Array(xml.utf8)].map { (bytes: $0, base64: false) }
        for core in base64Cores(of: Array(value.utf8)) {
            forms.append((core, true))
            let urlSafe = core.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 }
            forms.append((urlSafe, true))
        }
        var seen = Set<[UInt8]>()
        return forms.filter { !$0.bytes.isEmpty && seen.insert($0.bytes).inserted }
    }

    /// Base64 of `prefix + value + suffix` holds, whatever the prefix and suffix, the characters
    /// of the value's own bytes at one of three alignments (the prefix's length mod 3). At each,
    /// the value is encoded behind 0, 1 or 2 stand-in bytes; the characters that mix in a
    /// stand-in (the first 0, 2 or 3) or whatever follows the value (the last, unless the value
    /// ends a 3-byte group) are dropped. `x-access-token:` is 15 bytes: alignment 0.
    static func base64Cores(of value: [UInt8]) -> [[UInt8]] {
        var cores: [[UInt8]] = []
        for offset in 0..<3 {
            let padded = [UInt8](repeating: 0, count: offset) + value
            let encoded = Array(Data(padded).base64EncodedString().utf8.filter { $0 != UInt8(ascii: "=") })
            let front = [0, 2, 3][offset]
            let back = padded.count % 3 == 0 ? 0 : 1
            guard encoded.count - front - back >= minimumBase64Length else { continue }
            cores.append(Array(encoded[front..<(encoded.count - back)]))
        }
        return cores
    }
}
