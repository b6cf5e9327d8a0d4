#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
@testable import Runbook
import Support
import Testing

/// Every XML file gatekeeper writes escapes through `XMLText`; a real XML parser reads back
/// exactly the visible text, whatever the value held.
struct XMLTextTests {
    static let hostile = "tool\u{1B}[2K & <b>\"quoted\" 'it'\nsecond line\ttab\u{0}\u{7}"
    static let visible = "tool\\u{1b}[2K & <b>\"quoted\" 'it'\nsecond line\ttab\\u{0}\\u{7}"

    private func parse(_ xml: String) throws -> XMLDocument {
        try XMLDocument(xmlString: xml, options: [])
    }

    @Test func anAttributeAndTextReadBackAsTheVisibleValue() throws {
        let escaped = XMLText.escape(Self.hostile)
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 }, "no raw control character, not even a line break")
        let document = try parse("<r a=\"\(escaped)\">\(escaped)</r>")
        let root = try #require(document.rootElement())
        #expect(root.attribute(forName: "a")?.stringValue == Self.visible, "the line break and tab survive attribute normalisation")
        #expect(root.stringValue == Self.visible)
    }

    /// Python's expat, a strict XML 1.0 parser (libxml2 behind XMLDocument lets U+FFFE through):
    /// the element's text, or nil when it refuses the document.
    private func expat(_ xml: String) throws -> String? {
        let file = NSTemporaryDirectory() + "gatekeeper-xml-\(UInt64.random(in: 0...UInt64.max)).xml"
        try Data(xml.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, xml.dom.minidom as m\ntry:\n d = m.parse(sys.argv[1])\nexcept Exception:\n sys.exit(3)\nsys.stdout.buffer.write(d.documentElement.firstChild.data.encode())", file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    @Test func theTwoNoncharactersXMLForbidsAreEscapedToo() throws {
        // U+FFFE and U+FFFF are outside XML 1.0's Char production: a strict parser refuses them
        // raw (the control), and no character reference may spell them either.
        let value = "bom\u{FFFE}end\u{FFFF}"
        #expect(try expat("<r>\(value)</r>") == nil)
        #expect(try expat("<r>&#xFFFE;</r>") == nil)
        let escaped = XMLText.escape(value)
        #expect(escaped == "bom\\u{fffe}end\\u{ffff}")
        #expect(try expat("<r a=\"\(escaped)\">\(escaped)</r>") == "bom\\u{fffe}end\\u{ffff}")
        // Their neighbours are ordinary characters and pass through.
        #expect(XMLText.escape("\u{FFFD}\u{FFFC}") == "\u{FFFD}\u{FFFC}")
        #expect(try expat("<r>\u{FFFD}\u{FFFC}</r>") == "\u{FFFD}\u{FFFC}")
    }

    @Test func aPlainValueIsUnchanged() {
        #expect(XMLText.escape("usage contract suite 0.1.2") == "usage contract suite 0.1.2")
    }

    @Test func theEvidenceJUnitCarriesTheSameVisibleText() throws {
        let document = try parse(EvidenceDocuments.junitNotRun(reason: Self.hostile))
        let skipped = try #require(try document.nodes(forXPath: "//skipped").first as? XMLElement)
        #expect(skipped.attribute(forName: "message")?.stringValue == "not run: " + Self.visible)
    }
}
