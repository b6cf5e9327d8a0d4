import Checks
import Runbook

/// A plan's checklists grouped under the heading each sits below, with what proves each box.
struct PlanOutline {
    struct Box {
        let item: PlanMarkers.Item
        let proofs: [MarkerProof]

        /// Under `--check`: true when every gate marker is provable now, nil without gate markers.
        var provableNow: Bool? {
            let judged = proofs.compactMap(\.provable)
            return judged.isEmpty ? nil : judged.allSatisfy { $0 }
        }
    }

    struct Section {
        /// The heading line as written (`## Hard Gate …`), or nil above the first heading.
        let heading: String?
        var boxes: [Box]
    }

    let file: String
    let sections: [Section]
    let checked: Bool

    init(file: String, text: String, report: CheckReport?) {
        self.file = file
        checked = report != nil
        let headings = Self.headings(text)
        var sections: [Section] = []
        for item in PlanMarkers.items(in: text) {
            let heading = headings.last { $0.line < item.line }?.text
            let box = Box(item: item, proofs: item.markers.map { MarkerProof.of($0, report: report) })
            if sections.last.map({ $0.heading == heading }) == true {
                sections[sections.count - 1].boxes.append(box)
            } else {
                sections.append(Section(heading: heading, boxes: [box]))
            }
        }
        self.sections = sections
    }

    var boxes: [Box] { sections.flatMap(\.boxes) }

    /// ATX headings outside fenced code blocks (a `# comment` in a shell block is not one).
    static func headings(_ text: String) -> [(line: Int, text: String)] {
        var found: [(Int, String)] = []
        var fenced = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fenced.toggle()
            } else if !fenced, line.count - trimmed.count < 4, trimmed.hasPrefix("#") {
                let rest = trimmed.drop { $0 == "#" }
                if trimmed.count - rest.count <= 6, rest.isEmpty || rest.hasPrefix(" ") { found.append((index + 1, line)) }
            }
        }
        return found
    }
}
