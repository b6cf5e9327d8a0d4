import Foundation

/// Text for XML 1.0 attribute values and character data: the one escaper behind every XML file
/// gatekeeper writes (the contract suite's and the QA commands' JUnit reports); the redactor
/// spells a secret's XML form with it too.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // References survive attribute-value normalisation, which turns a raw break or tab into a space.
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                // XML 1.0 cannot carry other control characters at all, not even as references.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += PrintableText.escape(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
