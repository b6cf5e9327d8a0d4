import Foundation
import Support

/// Groups lines of Markdown-ish text (a changelog section, a commit body) into claims: a bullet
/// with its continuation lines is one claim; a paragraph of plain lines is one claim; a table
/// row stands alone. Headings and fences are the caller's business.
enum ClaimBlocks {
    struct Block: Equatable {
        /// 1-based line where the claim starts.
        let line: Int
        let text: String
    }

    static func group(_ lines: [(number: Int, text: String)]) -> [Block] {
        var result: [Block] = []
        var open: (line: Int, text: String, bullet: Bool)? = nil
        func flush() {
            if let o = open { result.append(Block(line: o.line, text: o.text)) }
            open = nil
        }
        for (number, raw) in lines {
            let trimmed = raw.trimmedSpaces
            if trimmed.isEmpty {
                flush()
                continue
            }
            if trimmed.hasPrefix("|") {
                flush()
                result.append(Block(line: number, text: trimmed))
                continue
            }
            if isBullet(trimmed) {
                flush()
                open = (number, trimmed, true)
            } else if open != nil {
                // A bullet's indented (or lazy) continuation, or the next line of a paragraph.
                open?.text += " " + trimmed
            } else {
                open = (number, trimmed, false)
            }
        }
        flush()
        return result
    }

    /// `- x`, `* x`, `+ x`, `1. x`, `1) x`.
    static func isBullet(_ trimmed: String) -> Bool {
        if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ") { return true }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return false }
        let rest = trimmed.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ")
    }
}
