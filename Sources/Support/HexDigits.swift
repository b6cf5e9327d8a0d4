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
}
