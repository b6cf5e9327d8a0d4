import DemoWorld
import Foundation
import Testing

/// PLAN.md at the project root is the plan the demo drives (PlanTemplate): their markers must
/// not drift apart.
@Suite struct PlanFileTests {
    static func markers(_ text: String) -> [String] {
        text.matches(of: /<!--(.*?)-->/).flatMap { $0.1.split(separator: " ").map(String.init) }
    }

    @Test func planMarkersEqualTheDemosTemplate() throws {
        let plan = try String(contentsOf: CLI.packageRoot.appendingPathComponent("PLAN.md"), encoding: .utf8)
        let markers = Self.markers(plan)
        #expect(markers.count > 20)
        #expect(markers == Self.markers(PlanTemplate.text))
    }

    @Test func everyMarkerLineIsACheckbox() throws {
        let plan = try String(contentsOf: CLI.packageRoot.appendingPathComponent("PLAN.md"), encoding: .utf8)
        for line in plan.split(separator: "\n") where line.contains("<!--") {
            #expect(line.contains("[ ]"), "\(line)")
        }
    }
}
