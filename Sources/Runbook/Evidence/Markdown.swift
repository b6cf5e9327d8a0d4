import Checks
import Support

/// The Markdown forms of `PrintableText`, for text from the repository, a registry or a tool
/// in PR.md and the GitHub step summary (GitHub-flavoured Markdown). Such text stays text on one
/// line: it cannot end a table row, open a heading, an HTML element or a comment that hides what
/// follows (`<!--`), or leave its code span.
public enum Markdown {
    /// Inline text on one line, safe in a paragraph, a list item or a heading:
    /// `PrintableText.prose` (line breaks, CR and LS included, become a space; control and
    /// format characters visible escapes), then, outside its code spans, `\` doubled, `<` and
    /// `>` as `&lt;` and `&gt;` (no HTML, no comment that hides what follows) and a leading `#`
    /// escaped (no heading). Code spans (`` `x<y>` ``) stay code, verbatim; a backtick without
    /// its closing one is escaped, so it cannot pair with a backtick that follows the value.
    /// Emphasis and links are left to render.
    public static func text(_ s: String) -> String {
        inline(PrintableText.prose(s), inCell: false, spans: true)
    }

    /// Text in a table cell: `text` with every `|` escaped, in code spans too (GitHub removes
    /// that backslash inside a cell's code span), so the cell cannot end early.
    public static func cell(_ s: String) -> String {
        inline(PrintableText.prose(s), inCell: true, spans: true)
    }

    /// An inline code span on one line, outside a table: the value as `PrintableText.line`
    /// shows it, between backtick fences longer than any run of backticks inside.
    public static func code(_ s: String) -> String {
        span(PrintableText.line(s))
    }

    /// An inline code span in a table cell: as `code`, with `|` escaped — GitHub removes that
    /// backslash inside code spans in cells, and a bare `|` would end the cell.
    public static func codeCell(_ s: String) -> String {
        span(replacing(PrintableText.line(s), "|", with: "\\|"))
    }

    private static func span(_ flat: String) -> String {
        guard !flat.isEmpty else { return "` `" }
        var longest = 0, run = 0
        for c in flat.unicodeScalars { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        // One space each side is stripped when both are there: pad when the content starts or
        // ends with a backtick, or when both ends are spaces that would otherwise be lost.
        let spaced = flat.hasPrefix(" ") && flat.hasSuffix(" ") && flat.contains { $0 != " " }
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || spaced ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A relative link to a bundle file. The destination percent-encodes everything but
    /// unreserved characters and `/` (a space or parenthesis would end it, a `:` could make a
    /// scheme); the label is `text` with `[` and `]` escaped.
    public static func link(_ path: String) -> String {
        let destination = PercentEncoding.encode(path, keeping: [UInt8(ascii: "/")])
        let label = replacing(replacing(inline(PrintableText.line(path), inCell: true, spans: false), "[", with: "\\["), "]", with: "\\]")
        return "[\(label)](\(destination))"
    }

    /// `flat` (one printable line) escaped for inline Markdown; see `text`. Without `spans`,
    /// every backtick is escaped (a link's label).
    private static func inline(_ flat: String, inCell: Bool, spans: Bool) -> String {
        let scalars = Array(flat.unicodeScalars)
        // Where each run of backticks starts, by its length: a span closes at the next run of
        // the same length (CommonMark), found in one pass whatever the input.
        var runs: [Int: [Int]] = [:]
        var next: [Int: Int] = [:]
        if spans {
            var k = 0
            while k < scalars.count {
                guard scalars[k] == "`" else { k += 1; continue }
                var n = 1
                while k + n < scalars.count, scalars[k + n] == "`" { n += 1 }
                runs[n, default: []].append(k)
                k += n
            }
        }
        func closing(after start: Int, length: Int) -> Int? {
            guard let starts = runs[length] else { return nil }
            var i = next[length] ?? 0
            while i < starts.count, starts[i] <= start { i += 1 }
            next[length] = i
            return i < starts.count ? starts[i] : nil
        }
        var out = ""
        out.unicodeScalars.reserveCapacity(scalars.count + 8)
        var leading = true
        var k = 0
        while k < scalars.count {
            let scalar = scalars[k]
            if scalar == "`" {
                var n = 1
                while k + n < scalars.count, scalars[k + n] == "`" { n += 1 }
                if spans, let close = closing(after: k, length: n) {
                    for c in scalars[k..<(close + n)] {
                        if inCell, c == "|" { out += "\\|" } else { out.unicodeScalars.append(c) }
                    }
                    k = close + n
                } else {
                    out += String(repeating: "\\`", count: n)
                    k += n
                }
                leading = false
                continue
            }
            switch scalar {
            case "\\": out += "\\\\"
            case "|" where inCell: out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "#" where leading: out += "\\#"
            default: out.unicodeScalars.append(scalar)
            }
            if scalar != " " { leading = false }
            k += 1
        }
        return out
    }

    /// Traps when a form breaks its promise on `s` (and checks `PrintableText.verifyForms`):
    /// a line break or control character in any form, `<` outside code, a leading `#`, or a
    /// `|` that a table cell would end at. For the fuzzer and the tests.
    public static func verifyForms(_ s: String) {
        PrintableText.verifyForms(s)
        let forms = [("text", text(s)), ("cell", cell(s)), ("code", code(s)), ("codeCell", codeCell(s)), ("link", link(s))]
        for (form, out) in forms {
            precondition(!out.unicodeScalars.contains(where: PrintableText.isUnprintable), "Markdown.\(form) left an unprintable scalar")
        }
        for (form, out) in forms where form == "text" || form == "cell" {
            precondition(!out.drop { $0 == " " }.hasPrefix("#"), "Markdown.\(form) can start a heading")
            precondition(!out.drop { $0 == " " }.hasPrefix("<"), "Markdown.\(form) can start an HTML block")
        }
        for (form, out) in forms where form == "cell" || form == "codeCell" || form == "link" {
            var previous: Unicode.Scalar = " "
            for scalar in out.unicodeScalars {
                precondition(scalar != "|" || previous == "\\", "Markdown.\(form) can end a table cell")
                previous = scalar
            }
        }
    }

    /// Scalar by scalar: a `|` followed by a combining mark is still a `|` to a Markdown parser,
    /// though Swift sees one Character.
    static func replacing(_ s: String, _ target: Unicode.Scalar, with replacement: String) -> String {
        var out = ""
        for c in s.unicodeScalars { if c == target { out += replacement } else { out.unicodeScalars.append(c) } }
        return out
    }
}
