/// Values written into TOML: the one escaper for basic strings, used by the manifest editor and
/// the starter config alike.
public enum TOMLText {
    /// `text` as a TOML basic string, quotes included.
    public static func basicString(_ text: String) -> String {
        "\"" + basicStringBody(text) + "\""
    }

    /// What goes between the quotes of a basic string: `"` and `\` escaped, tab as `\t`, other
    /// control characters (which TOML does not allow raw) as `\uXXXX`.
    public static func basicStringBody(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
