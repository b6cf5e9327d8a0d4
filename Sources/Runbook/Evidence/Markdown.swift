/// Escaping for the bits of PR.md that come from the repository or from tools.
enum Markdown {
    /// Inline code that survives backticks inside and sits in one table cell.
    static func code(_ s: String) -> String {
        let flat = oneLine(s)
        var longest = 0, run = 0
        for c in flat { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + cell(flat) + pad + fence
    }

    /// Text safe inside a table cell: one line, pipes escaped.
    static func cell(_ s: String) -> String {
        replacing(oneLine(s), "|", with: "\\|")
    }

    /// A relative link to a bundle file; spaces and parentheses would end the destination.
    static func link(_ path: String) -> String {
        var destination = ""
        for c in path.unicodeScalars {
            switch c {
            case "%": destination += "%25"
            case " ": destination += "%20"
            case "(": destination += "%28"
            case ")": destination += "%29"
            case "<": destination += "%3C"
            case ">": destination += "%3E"
            default: destination.unicodeScalars.append(c)
            }
        }
        let label = replacing(replacing(path, "[", with: "\\["), "]", with: "\\]")
        return "[\(label)](\(destination))"
    }

    static func oneLine(_ s: String) -> String {
        String(s.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    static func replacing(_ s: String, _ target: Character, with replacement: String) -> String {
        var out = ""
        for c in s { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
