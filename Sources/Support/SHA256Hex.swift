import Crypto

/// SHA-256 digests as cargo writes them in the index (`cksum`): 64 lower-case hex digits.
public enum SHA256Hex {
    public static func of(_ bytes: [UInt8]) -> String {
        HexDigits.lower(SHA256.hash(data: bytes))
    }

    /// True for exactly 64 hex digits (either case), the only shape an index `cksum` can have.
    package static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }
}
