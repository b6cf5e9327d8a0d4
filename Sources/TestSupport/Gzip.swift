/// gzip streams for tests, without zlib: deflate "stored" blocks (no compression) are a valid
/// gzip body that every decoder accepts.
public enum Gzip {
    /// `bytes` as a complete gzip stream (RFC 1952) of stored deflate blocks.
    public static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let final: UInt8 = offset + count == bytes.count ? 1 : 0
            out.append(final)
            out += littleEndian16(count) + littleEndian16(~count & 0xffff)
            out += bytes[offset..<(offset + count)]
            offset += count
        } while offset < bytes.count
        out += littleEndian32(crc32(bytes)) + littleEndian32(UInt32(truncatingIfNeeded: bytes.count))
        return out
    }

    /// The first `fraction` of a gzip stream of `bytes`: cut mid-stream, no trailer.
    public static func truncated(_ bytes: [UInt8], keeping fraction: Double = 0.6) -> [UInt8] {
        let whole = stored(bytes)
        return Array(whole.prefix(max(11, min(whole.count - 9, Int(Double(whole.count) * fraction)))))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func littleEndian16(_ value: Int) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8 & 0xff)] }
    private static func littleEndian32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xff) } }
}
