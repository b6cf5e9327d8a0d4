/// The one rule for text gatekeeper did not write itself — from a registry, a package, a
/// changelog, a commit, a capture, a command's output or a config file — on its way to a person:
/// the console, stderr, the GitHub step summary and outputs, PR.md, the commit message and the
/// review page. Such text may say anything, but it cannot act: it cannot move the cursor, change
/// colours, end a line early, start another line that looks like gatekeeper's own, or read
/// backwards.
///
/// The rule, in one place:
/// - **Unprintable** scalars (`isUnprintable`): the C0 controls (U+0000–U+001F, line breaks
///   and tab included), DEL and the C1 controls (U+007F–U+009F), the line and paragraph
///   separators (U+2028, U+2029) and every format character (general category Cf: the
///   bidirectional embeddings, overrides, isolates and marks, zero-width spaces, the BOM, tag
///   characters …) except the zero-width joiner and non-joiner, which emoji and several scripts
///   need.
/// - An unprintable scalar is shown as a visible escape in Swift's spelling, lower-case hex
///   without padding: ESC is `\u{1b}`, LF `\u{a}`, CR `\u{d}`, U+202E `\u{202e}`. A backslash
///   is left as it is: the escapes are for a reader, not a reversible encoding (JSON output is
///   the exact form).
/// - Where one line is expected, a line break is never kept: `line` escapes it (exact values:
///   names, versions, paths, URLs, messages), `prose` turns each run of white space (line breaks
///   included) into one space (sentences: changelog and commit claims, reasons).
/// - Where lines are expected, `lines` and `block` split at every line break — LF, CR, CRLF (one
///   break), VT, FF, NEL, LS and PS — so a bare CR or LS starts a new line in the output instead
///   of overwriting or hiding the current one.
///
/// The forms are idempotent: their output holds no unprintable scalar, so passing it through
/// again changes nothing. Markdown's own forms (table cells, headings, HTML, code spans) are
/// built on these in Runbook's `Markdown`.
public enum PrintableText {
    /// True for a scalar that must not reach a terminal or a rendered document as it is.
    @inline(__always)
    public static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return true }
        if v < 0x7F { return false }
        if v <= 0x9F { return true }
        if v < 0xAD { return false }
        if v == 0x2028 || v == 0x2029 { return true }
        if v == 0x200C || v == 0x200D { return false }
        return scalar.properties.generalCategory == .format
    }

    /// True for a scalar that ends a line somewhere: LF, VT, FF, CR, NEL, LS, PS.
    public static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The visible form of one scalar: `\u{1b}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16) + "}"
    }

    /// One line, exact: every unprintable scalar (line breaks included) as its escape.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnprintable) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            if isUnprintable(scalar) {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One line of prose: each run of white space (line breaks, tabs, U+2028 included) becomes
    /// one space; every other unprintable scalar is shown as its escape. Nothing is trimmed.
    public static func prose(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !space { out.unicodeScalars.append(" ") }
                space = true
                continue
            }
            space = false
            if isUnprintable(scalar) {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The lines of `text`, split at every line break (CRLF counts as one), each as `line`
    /// shows it. A final line break leaves an empty last line, as `split` would.
    public static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if afterCR, scalar == "\n" {
                afterCR = false
                continue
            }
            afterCR = scalar == "\r"
            if isLineBreak(scalar) {
                result.append(line(String(current)))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        result.append(line(String(current)))
        return result
    }

    /// Text of several lines: every line break as "\n", everything else as `line` shows it.
    public static func block(_ text: String) -> String {
        lines(text).joined(separator: "\n")
    }

    /// `text` quoted for a one-line message: in single quotes, `'` and `\` escaped with a
    /// backslash, unprintable scalars as their escapes, and cut with `…` so that the whole,
    /// quotes included, is at most `limit` characters — a hostile value cannot flood a message.
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        var pieces: [String] = []
        var total = 2  // the quotes
        for scalar in text.unicodeScalars {
            let piece: String
            if isUnprintable(scalar) {
                piece = escape(scalar)
            } else if scalar == "'" || scalar == "\\" {
                piece = "\\" + String(scalar)
            } else {
                piece = String(scalar)
            }
            pieces.append(piece)
            total += piece.unicodeScalars.count
        }
        if total <= limit { return "'" + pieces.joined() + "'" }
        var out = "'"
        var used = 3  // the quotes and the ellipsis
        for piece in pieces {
            let size = piece.unicodeScalars.count
            if used + size > limit { break }
            out += piece
            used += size
        }
        return out + "…'"
    }

    /// Traps when a form breaks its promise on `text`: something unprintable left in `line`,
    /// `prose`, `quoted` or a claim's quote, anything but "\n" unprintable in `block`, a form
    /// that changes its own output, a quote over its limit. For the fuzzer
    /// (`Markdown.verifyForms` calls it) and the tests.
    public static func verifyForms(_ text: String) {
        let line = line(text), prose = prose(text), quoted = quoted(text), block = block(text), quote = ClaimQuote.make(text)
        for (form, out) in [("line", line), ("prose", prose), ("quoted", quoted), ("claim quote", quote)] {
            precondition(!out.unicodeScalars.contains(where: isUnprintable), "PrintableText.\(form) left an unprintable scalar")
        }
        precondition(!block.unicodeScalars.contains { $0 != "\n" && isUnprintable($0) }, "PrintableText.block left an unprintable scalar")
        precondition(block.unicodeScalars.filter { $0 == "\n" }.count == lines(text).count - 1, "PrintableText.block lost or added a line")
        precondition(PrintableText.line(line) == line, "PrintableText.line is not idempotent")
        precondition(PrintableText.prose(prose) == prose, "PrintableText.prose is not idempotent")
        precondition(PrintableText.block(block) == block, "PrintableText.block is not idempotent")
        precondition(quoted.count <= 80, "PrintableText.quoted is over its limit")
        precondition(quote.count <= ClaimQuote.limit, "ClaimQuote.make is over its limit")
    }

    /// A line or message whose literal parts are gatekeeper's own and whose every interpolated
    /// value goes through `line`: `PrintableText.compose("gate \(id): \(raw: painted)")`. Only
    /// `\(raw: …)` — text gatekeeper made printable itself, such as colour codes around its own
    /// words — is taken as it is, so a value cannot be forgotten.
    public static func compose(_ composed: Composed) -> String {
        composed.text
    }

    public struct Composed: ExpressibleByStringInterpolation, CustomStringConvertible, Sendable {
        public let text: String
        public var description: String { text }

        public init(stringLiteral value: String) {
            text = value
        }

        public init(stringInterpolation: Interpolation) {
            text = stringInterpolation.text
        }

        public struct Interpolation: StringInterpolationProtocol, Sendable {
            var text = ""

            public init(literalCapacity: Int, interpolationCount: Int) {
                text.reserveCapacity(literalCapacity + 16 * interpolationCount)
            }

            public mutating func appendLiteral(_ literal: String) {
                text += literal
            }

            /// A value from outside: shown by `PrintableText.line`.
            public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
                text += PrintableText.line(value.description)
            }

            /// Text gatekeeper made itself (colour codes around its own words, a line already
            /// made printable): taken as it is.
            public mutating func appendInterpolation(raw value: String) {
                text += value
            }
        }
    }
}
