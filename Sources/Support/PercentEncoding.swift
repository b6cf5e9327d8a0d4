/// RFC 3986 percent-encoding: every byte but the unreserved characters (and those a caller
/// keeps, such as `/` in a relative link) as `%XX`. The one encoder behind query values, the
/// PR body's links and the review page's links.
public enum PercentEncoding {
    public static func encode(_ text: String, keeping kept: Set<UInt8> = []) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            if unreserved || kept.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
