/// Credentials written into a URL (`https://x-access-token:TOKEN@github.com/…`, `https://TOKEN@…`):
/// a secret in plain sight, in a config file or in a git remote that an error message quotes.
public enum URLCredentials {
    /// True when `url` carries a secret in its user-info: any user-info of an http(s) URL (a
    /// token works as the user name), a password in any other. ssh's bare user
    /// (`ssh://git@host/…`) is a name, not a secret.
    public static func present(in url: String) -> Bool {
        redacted(url) != url
    }

    /// `text` with the user-info of every URL that carries a secret replaced by `[redacted]`.
    public static func redacted(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        var i = 0
        while i + 2 < bytes.count {
            guard bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/"),
                  let found = userInfo(in: bytes, schemeEnd: i), found.isSecret else {
                i += 1
                continue
            }
            out += bytes[copied..<found.range.lowerBound]
            out += Array(SecretRedactor.placeholder(nil).utf8)
            copied = found.range.upperBound
            i = found.range.upperBound
        }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    struct Found {
        /// The user-info bytes, without the "@".
        let range: Range<Int>
        let isSecret: Bool
    }

    /// The user-info after the "://" at `schemeEnd`, if the authority has one.
    static func userInfo(in bytes: [UInt8], schemeEnd colon: Int) -> Found? {
        var schemeStart = colon
        while schemeStart > 0, isSchemeByte(bytes[schemeStart - 1]) { schemeStart -= 1 }
        guard schemeStart < colon else { return nil }
        let scheme = String(decoding: bytes[schemeStart..<colon], as: UTF8.self).lowercased()
        let start = colon + 3
        var end = start
        var at: Int?
        while end < bytes.count, !endsAuthority(bytes[end]) {
            if bytes[end] == UInt8(ascii: "@") { at = end }
            end += 1
        }
        guard let at, at > start else { return nil }
        let hasPassword = bytes[start..<at].contains(UInt8(ascii: ":"))
        let web = scheme == "http" || scheme == "https" || scheme.hasSuffix("+https") || scheme.hasSuffix("+http")
        return Found(range: start..<at, isSecret: web || hasPassword)
    }

    static func isSchemeByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    /// Where an authority stops: its path, query or fragment, or the end of the URL in prose.
    static func endsAuthority(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"),
             UInt8(ascii: "\r"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }
}
