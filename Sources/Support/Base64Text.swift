import Foundation

/// Base64 as DSSE writes it (standard alphabet, padded) and reads it (standard or URL-safe,
/// padded or not, as the DSSE protocol requires verifiers to accept).
public enum Base64Text {
    public static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// nil when `text` is not base64 in either alphabet.
    public static func decode(_ text: String) -> [UInt8]? {
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while standard.utf8.count % 4 != 0 { standard += "=" }   // unpadded, as DSSE allows
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
