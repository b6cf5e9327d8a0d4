import Runbook
import Testing

@Suite struct PlanMarkersTests {
    let plan = "## Hard Gate (must be true before any code changes)\r\n"
        + "- [ ] New `alchemy-llm` crate version is published to crates.io. <!-- gate:published -->\r\n"
        + "- [ ] Release notes/changelog confirm the usage fix includes:\n"
        + "  - [ ] provider-raw `input/output` <!-- gate:provider-raw -->\n"
        + "  - [ ] provider `total_tokens` support <!-- gate:total-tokens -->\n"
        + "  - [x] already ticked by hand <!-- gate:cache-fields -->\n"
        + "1. [ ] Confirm crate release is live. <!-- gate:published gate:provenance -->\n"
        + "- [ ] no marker here\n"
        + "Bump `alchemy-llm` to NEW_VERSION <!-- gate:published -->"

    @Test func ticksExactlyTheProvenLinesAndKeepsEveryOtherByte() {
        let (text, ticked) = PlanMarkers.tick(plan, proven: ["gate:published", "gate:provider-raw", "gate:cache-fields"])
        #expect(ticked == [2, 4])
        let expected = plan
            .replacingOccurrences(of: "- [ ] New `alchemy-llm`", with: "- [x] New `alchemy-llm`")
            .replacingOccurrences(of: "- [ ] provider-raw", with: "- [x] provider-raw")
        #expect(Array(text.utf8) == Array(expected.utf8), "CRLF lines, the hand-ticked line and the last line without a newline stay as they were")
    }

    @Test func aLineWithTwoMarkersNeedsBoth() {
        #expect(PlanMarkers.tick(plan, proven: ["gate:published", "gate:provenance"]).ticked == [2, 7])
        #expect(PlanMarkers.tick(plan, proven: ["gate:provenance"]).ticked == [])
    }

    @Test func listsItemsWithStateAndMarkers() {
        let items = PlanMarkers.items(in: plan)
        #expect(items.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        #expect(items.map(\.checked) == [false, false, false, false, true, false, false])
        #expect(items[0].text == "New `alchemy-llm` crate version is published to crates.io.")
        #expect(items[5].markers == ["gate:published", "gate:provenance"])
        #expect(items[6].markers.isEmpty)
    }

    @Test func nothingProvenChangesNothing() {
        let (text, ticked) = PlanMarkers.tick(plan, proven: [])
        #expect(ticked.isEmpty)
        #expect(text == plan)
    }
}
