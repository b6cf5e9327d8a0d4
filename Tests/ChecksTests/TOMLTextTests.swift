import Testing
import TOML

/// What TOMLText writes, the TOML reader reads back as the same string, whatever it holds.
struct TOMLTextTests {
    @Test(arguments: ["plain", "", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "cr\rlf", "esc\u{1B}[2K", "nul\u{0}", "del\u{7F}", "ünïcödé ✓", "\\u0041 is not A"])
    func aBasicStringReadsBackAsWritten(_ text: String) throws {
        let document = try TOMLReader.parse("k = \(TOMLText.basicString(text))\n")
        #expect(document["k"]?.value.stringValue == text)
        #expect(!TOMLText.basicString(text).unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "nothing TOML forbids raw")
    }
}
