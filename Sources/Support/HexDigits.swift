/// Bytes as lower-case hex, the one spelling of digests and object ids gatekeeper writes.
package enum HexDigits {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func lower<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of the four hex digits (either case) at `start`, nil when there are fewer or
    /// one is not a digit: what JSON's `\uXXXX` carries. The one reader for the JSON parser and
    /// the redactor's un-escaper.
    package static func hex4<Bytes: RandomAccessCollection>(_ bytes: Bytes, at start: Int) -> UInt32?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard start >= bytes.startIndex, start + 4 <= bytes.endIndex else { return nil }
        var value: UInt32 = 0
        for i in start..<(start + 4) {
            let h = bytes[i]
            let digit: UInt8
            switch h {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = h - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = h - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = h - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
