import TOML
/// Rewrites one TOML string literal's content, keeping its delimiters (`"`, `'`, `"""`, `'''`)
/// and, for multi-line strings, the newline that may follow the opening delimiter.
enum RequirementLiteral {
    static func replacing(_ literal: ArraySlice<UInt8>, value: String, with newValue: String, file: String, line: Int) throws -> [UInt8] {
        let raw = Array(literal)
        let delimiter: Int
        if raw.starts(with: [0x22, 0x22, 0x22]) || raw.starts(with: [0x27, 0x27, 0x27]) {
            delimiter = 3
        } else if raw.first == 0x22 || raw.first == 0x27 {
            delimiter = 1
        } else {
            throw ManifestEditError(file: file, line: line, message: "the requirement is not a string literal")
        }
        guard raw.count >= 2 * delimiter else {
            throw ManifestEditError(file: file, line: line, message: "the requirement is not a string literal")
        }
        let isBasic = raw[0] == 0x22
        var content = Array(raw[delimiter..<(raw.count - delimiter)])
        var lead: [UInt8] = []
        // A newline right after `"""`/`'''` is not part of the value; it stays.
        if delimiter == 3 {
            if content.starts(with: [0x0D, 0x0A]) { lead = [0x0D, 0x0A] } else if content.first == 0x0A { lead = [0x0A] }
            content.removeFirst(lead.count)
        }
        let newContent: [UInt8]
        if content == Array(value.utf8) {
            newContent = Array(newValue.utf8)
        } else if isBasic {
            // Written with escapes: write the new value plainly, escaping only what must be.
            newContent = Array(TOMLText.basicStringBody(newValue).utf8)
        } else {
            throw ManifestEditError(file: file, line: line, message: "cannot rewrite this literal string")
        }
        let open = Array(raw[0..<delimiter])
        return open + lead + newContent + open
    }
}
