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

    @Test func aPlainValueIsUnchanged() {
        #expect(XMLText.escape("usage contract suite 0.1.2") == "usage contract suite 0.1.2")
    }

    @Test func theEvidenceJUnitCarriesTheSameVisibleText() throws {
        let document = try parse(EvidenceDocuments.junitNotRun(reason: Self.hostile))
        let skipped = try #require(try document.nodes(forXPath: "//skipped").first as? XMLElement)
        #expect(skipped.attribute(forName: "message")?.stringValue == "not run: " + Self.visible)
    }
}
