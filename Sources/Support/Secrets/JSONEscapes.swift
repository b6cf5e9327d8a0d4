
/// Undoes JSON string escapes across a whole document's bytes (outside strings valid JSON has no
/// backslash), so a secret spelled `\u0067hp_…` can be found with a plain byte search.
package enum JSONEscapes {
    package static func decode(_ bytes: [UInt8]) -> [UInt8] {
        let backslash: [UInt8] = [UInt8(ascii: "\\")]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        while let at = SecretRedactor.firstOccurrence(of: backslash, in: bytes, from: copied) {
            out.append(contentsOf: bytes[copied..<at])
            let (scalar, length) = escape(bytes, at)
            if let scalar { UTF8.encode(scalar) { out.append($0) } } else { out.append(contentsOf: bytes[at..<(at + length)]) }
            copied = at + length
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// The escape at `at` (a backslash): what it stands for (nil: not an escape, kept as is) and
    /// how many bytes it spans.
    static func escape(_ b: [UInt8], _ at: Int) -> (Unicode.Scalar?, Int) {
        guard at + 1 < b.count else { return (nil, 1) }
        switch b[at + 1] {
        case UInt8(ascii: "\""): return ("\"", 2)
        case UInt8(ascii: "\\"): return ("\\", 2)
        case UInt8(ascii: "/"): return ("/", 2)
        case UInt8(ascii: "b"): return ("\u{08}", 2)
        case UInt8(ascii: "f"): return ("\u{0C}", 2)
        case UInt8(ascii: "n"): return ("\n", 2)
        case UInt8(ascii: "r"): return ("\r", 2)
        case UInt8(ascii: "t"): return ("\t", 2)
        case UInt8(ascii: "u"):
            guard let unit = HexDigits.hex4(b, at: at + 2) else { return (nil, 2) }
            if (0xD800..<0xDC00).contains(unit), at + 11 < b.count,
               b[at + 6] == UInt8(ascii: "\\"), b[at + 7] == UInt8(ascii: "u"),
               let low = HexDigits.hex4(b, at: at + 8), (0xDC00..<0xE000).contains(low) {
                return (Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)), 12)
            }
            return (Unicode.Scalar(unit) ?? "\u{FFFD}", 6)
        default: return (nil, 2)
        }
    }
}
