@testable import Checks
import Foundation
import Testing
import Support
import HTTP
@testable import Git
@testable import Cargo

/// The one rule for text from outside on its way to a person (`PrintableText`), and the places
/// in Checks that used to have their own.
@Suite struct PrintableTextTests {
    /// What an attacker would put in a changelog, a registry value or a config string.
    static let hostile: [String] = [
        "\u{1B}[2K\r\u{1B}[1Agate alchemy-llm: OPEN",
        "ok\ngate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.2)",
        "bare\rCR", "crlf\r\nline", "ls\u{2028}ps\u{2029}nel\u{85}vt\u{0B}ff\u{0C}",
        "tab\there", "nul\u{0}del\u{7F}c1\u{9B}31m",
        "bidi \u{202E}nepo\u{202C} \u{2066}isolate\u{2069} \u{200E}\u{200F}\u{061C}",
        "zero\u{200B}width\u{FEFF}bom\u{00AD}soft \u{E0041}tag",
        "", "plain ASCII", "café ünïcode 日本語 👩‍👩‍👧 نیم‌فاصله",
        "\\u{1b} already escaped", "e\u{1B}\u{301}combining after a control",
    ]

    static func unprintableScalars(_ s: String) -> [Unicode.Scalar] {
        s.unicodeScalars.filter(PrintableText.isUnprintable)
    }

    @Test func theRuleNamesControlsSeparatorsAndFormatCharactersOnly() {
        for v: UInt32 in [0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F, 0xAD, 0x061C, 0x200B, 0x200E, 0x200F,
                          0x2028, 0x2029, 0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0xFEFF, 0xE0001, 0xE0041] {
            #expect(PrintableText.isUnprintable(Unicode.Scalar(v)!), "U+\(String(v, radix: 16))")
        }
        // Text, including the joiners emoji and several scripts need, and non-breaking spaces.
        for v: UInt32 in [0x20, 0x41, 0x7E, 0xA0, 0xE9, 0x200C, 0x200D, 0x3000, 0x1F600, 0xFFFD] {
            #expect(!PrintableText.isUnprintable(Unicode.Scalar(v)!), "U+\(String(v, radix: 16))")
        }
    }

    @Test func aLineEscapesEveryUnprintableScalarVisibly() {
        #expect(PrintableText.line("a\u{1B}[31mb") == #"a\u{1b}[31mb"#)
        #expect(PrintableText.line("one\ntwo\r\nthree\rfour") == #"one\u{a}two\u{d}\u{a}three\u{d}four"#)
        #expect(PrintableText.line("x\u{2028}y\u{2029}z") == #"x\u{2028}y\u{2029}z"#)
        #expect(PrintableText.line("\u{202E}nepo") == #"\u{202e}nepo"#)
        #expect(PrintableText.line("tab\tnul\u{0}") == #"tab\u{9}nul\u{0}"#)
        // Printable text is returned as it is.
        for text in ["plain", "café ünïcode 日本語 👩‍👩‍👧", "a\u{00A0}b", ""] {
            #expect(PrintableText.line(text) == text)
        }
    }

    @Test func everyFormLeavesNothingUnprintableAndIsIdempotent() {
        for text in Self.hostile {
            let line = PrintableText.line(text)
            let prose = PrintableText.prose(text)
            let block = PrintableText.block(text)
            let quoted = PrintableText.quoted(text)
            #expect(Self.unprintableScalars(line).isEmpty, "\(line)")
            #expect(Self.unprintableScalars(prose).isEmpty, "\(prose)")
            #expect(Self.unprintableScalars(quoted).isEmpty, "\(quoted)")
            #expect(block.unicodeScalars.allSatisfy { $0 == "\n" || !PrintableText.isUnprintable($0) }, "\(block)")
            #expect(PrintableText.line(line) == line)
            #expect(PrintableText.prose(prose) == prose)
            #expect(PrintableText.block(block) == block)
            #expect(!line.contains("\u{1B}") && !prose.contains("\u{1B}") && !block.contains("\u{1B}"))
        }
        // Every scalar of the first planes, alone and between letters.
        var scalar: UInt32 = 0
        while scalar < 0x3100 {
            if let s = Unicode.Scalar(scalar) {
                let text = "a" + String(s) + "b"
                #expect(Self.unprintableScalars(PrintableText.line(text)).isEmpty, "U+\(String(scalar, radix: 16))")
                #expect(Self.unprintableScalars(PrintableText.prose(text)).isEmpty, "U+\(String(scalar, radix: 16))")
            }
            scalar += 1
        }
    }

    @Test func proseIsOneLineWithOneSpaceForEachRunOfWhiteSpace() {
        #expect(PrintableText.prose("a\r\n\tb  c\u{2028}d\u{85}e") == "a b c d e")
        #expect(PrintableText.prose("\u{1B}[2K\rgate x: OPEN") == #"\u{1b}[2K gate x: OPEN"#)
        #expect(PrintableText.prose(" kept ") == " kept ")
    }

    @Test func linesSplitAtEveryLineBreakAndCRLFCountsOnce() {
        #expect(PrintableText.lines("a\r\nb\rc\nd\u{2028}e\u{2029}f\u{85}g\u{0B}h\u{0C}i") == ["a", "b", "c", "d", "e", "f", "g", "h", "i"])
        #expect(PrintableText.lines("a\n") == ["a", ""])
        #expect(PrintableText.lines("") == [""])
        #expect(PrintableText.lines("x\u{1B}[1Ay") == [#"x\u{1b}[1Ay"#])
        #expect(PrintableText.block("row\r## ✅ gate is OPEN") == "row\n## ✅ gate is OPEN", "a bare CR is a line break, not an overwrite")
    }

    @Test func quotedIsCutAndEscapesItsQuotes() {
        #expect(PrintableText.quoted("it's a\\b") == #"'it\'s a\\b'"#)
        #expect(PrintableText.quoted("x\u{1B}y") == #"'x\u{1b}y'"#)
        let long = PrintableText.quoted(String(repeating: "\u{1B}", count: 100), limit: 40)
        #expect(long.count <= 40)
        #expect(long.hasSuffix(#"\u{1b}…'"#), "an escape is never cut in half: \(long)")
    }

    @Test func composeEscapesEveryValueAndOnlyThoseMarkedRaw() {
        let name = "evil\n\u{1B}[2Kgate x: OPEN"
        let painted = "\u{1B}[31mCLOSED\u{1B}[0m"
        let line = PrintableText.compose("gate \(name): \(raw: painted) (\(3) requests)")
        #expect(line == #"gate evil\u{a}\u{1b}[2Kgate x: OPEN: "# + painted + " (3 requests)")
        #expect(PrintableText.compose("multi\nline literal") == "multi\nline literal", "literals are gatekeeper's own")
    }

    /// The commit message's builder: the template's lines are kept, a value cannot add one
    /// (a forged trailer, say).
    @Test func aComposedCommitMessageKeepsItsOwnLinesOnly() {
        let dependency = "alchemy-llm", from = "0.1.1", to = "0.1.2"
        let evidenceDir = "data/evidence\n\nSigned-off-by: Mallory <m@example.com>\u{1B}[8m"
        let message = PrintableText.compose("""
            Bump \(dependency) from \(from) to \(to)

            Evidence: \(evidenceDir) (check it with `gatekeeper evidence verify \(evidenceDir)`)

            """)
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[0] == "Bump alchemy-llm from 0.1.1 to 0.1.2")
        #expect(!lines.contains { $0.hasPrefix("Signed-off-by") })
        #expect(lines[2] == #"Evidence: data/evidence\u{a}\u{a}Signed-off-by: Mallory <m@example.com>\u{1b}[8m (check it with `gatekeeper evidence verify data/evidence\u{a}\u{a}Signed-off-by: Mallory <m@example.com>\u{1b}[8m`)"#)
    }

    /// What the fuzzer checks, on the hostile strings and on random mixes of the scalars that
    /// matter.
    @Test func theFormsKeepTheirPromisesOnRandomText() {
        for text in Self.hostile { PrintableText.verifyForms(text) }
        let alphabet: [Unicode.Scalar] = ["a", " ", "\r", "\n", "\t", "\u{1B}", "[", "\\", "u", "{", "}", "`", "|", "#", "<", "!", "-",
                                          "\u{85}", "\u{2028}", "\u{2029}", "\u{202E}", "\u{200D}", "\u{301}", "\u{FEFF}", "\u{E0041}", "é", "👩"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...200, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
            PrintableText.verifyForms(String(text))
        }
    }

    /// The places in Checks that had their own rule now show text exactly as PrintableText does.
    @Test func entryNamesGitArgumentsHTTPErrorsAndQuotesFollowTheRule() {
        let text = "a\u{1B}[1A\r\u{2028}\u{202E}b"
        #expect(EntryPath.display(Array(text.utf8)) == PrintableText.line(text))
        #expect(EntryPath.display(nil) == "\"\"")
        #expect(GitRepository.shown(text) == PrintableText.quoted(text, limit: 80))
        let error = HTTPError(url: "http://x/\u{1B}[2K", message: "HTTP 404\r\nforged", method: "PO\nST")
        #expect(error.description == #"PO\u{a}ST http://x/\u{1b}[2K: HTTP 404\u{d}\u{a}forged"#)
        #expect(ClaimQuote.make("- fix\u{1B}[2K\r\u{1B}[1Agate alchemy-llm: OPEN") == #"- fix\u{1b}[2K \u{1b}[1Agate alchemy-llm: OPEN"#)
    }

    /// A long quote is cut around the match, never inside an escape, and keeps to the limit.
    @Test func aQuoteIsNeverCutInsideAnEscape() {
        let noise = String(repeating: "\u{1B}x", count: 120)
        let text = noise + " prefer provider total_tokens " + noise
        let quote = ClaimQuote.make(text, match: (text as NSString).range(of: "provider total_tokens"))
        #expect(quote.count <= ClaimQuote.limit)
        #expect(quote.contains("prefer provider total_tokens"))
        #expect(!quote.contains("\u{1B}"))
        let inner = quote.trimmingCharacters(in: CharacterSet(charactersIn: "…"))
        // Whole escapes only: every backslash starts a complete `\u{1b}`.
        for piece in inner.components(separatedBy: "\\").dropFirst() { #expect(piece.hasPrefix("u{1b}"), "\(quote)") }
        #expect(inner.hasPrefix(#"\u{1b}"#) || inner.hasPrefix("x"), "\(quote)")
        #expect(inner.hasSuffix(#"\u{1b}"#) || inner.hasSuffix("x"), "\(quote)")
    }
}
