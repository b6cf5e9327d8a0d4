import DemoWorld
import Foundation
import Runbook
import Testing

@Suite struct PlanMarkingTests {
    /// PlanTemplate with every ` <!-- … -->` removed: the same plan before init met it.
    static func unmarked(_ text: String) -> String {
        text.replacingOccurrences(of: #" <!-- [^>]*-->"#, with: "", options: .regularExpression)
    }

    @Test func markingTheUnmarkedTemplateGivesTheTemplateBack() {
        let (text, marked) = PlanMarking.mark(Self.unmarked(PlanTemplate.text))
        #expect(text == PlanTemplate.text)
        #expect(marked.count == PlanMarkers.items(in: PlanTemplate.text).filter { !$0.markers.isEmpty }.count)
    }

    @Test func linesWithMarkersAndLinesThatAreNotBoxesStayAsTheyAre() {
        let plan = "- [ ] Run full QA suite. <!-- step:custom -->\n"
            + "  - provider-raw `input/output`\n"
            + "Run full QA suite.\n"
            + "- [ ] Something else entirely.\n"
        let (text, marked) = PlanMarking.mark(plan)
        #expect(text == plan)
        #expect(marked.isEmpty)
    }

    @Test func crlfLinesKeepTheirTerminatorsAndAFinalLineWithoutOneIsMarked() {
        let plan = "## Execution Checklist\r\n2. [ ] Create branch for rollout.\r\n\r\n4. [x] Run full QA suite."
        let (text, marked) = PlanMarking.mark(plan)
        #expect(text == "## Execution Checklist\r\n2. [ ] Create branch for rollout. <!-- step:branch -->\r\n\r\n4. [x] Run full QA suite. <!-- step:qa -->")
        #expect(marked == [PlanMarking.Marked(line: 2, markers: ["step:branch"]), PlanMarking.Marked(line: 4, markers: ["step:qa"])])
    }

    @Test func markingTwiceChangesNothingTheSecondTime() {
        let once = PlanMarking.mark(Self.unmarked(PlanTemplate.text)).text
        let twice = PlanMarking.mark(once)
        #expect(twice.text == once)
        #expect(twice.marked.isEmpty)
    }
}
