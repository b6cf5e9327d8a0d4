import Checks
import Usage
import Support

/// `plan` as text (headings, boxes, what proves each) or as one JSON document.
enum PlanText {
    static func print(_ outline: PlanOutline, console: Console) {
        for section in outline.sections {
            if let heading = section.heading { Swift.print(console.paint(PrintableText.line(heading), .bold)) }
            for box in section.boxes {
                let state = box.item.checked ? "[x]" : "[ ]"
                let markers = box.item.markers.isEmpty ? "" : console.paint("  <!-- \(PrintableText.line(box.item.markers.joined(separator: " "))) -->", .dim)
                Console.say("  \(state) \(box.item.text)\(raw: markers)")
                for line in detail(box, checked: outline.checked) { Console.say("        \(line)") }
            }
        }
        let all = outline.boxes
        var summary = "\(outline.file): \(all.count) box\(all.count == 1 ? "" : "es"), \(all.filter(\.item.checked).count) ticked, \(all.filter { !$0.item.markers.isEmpty }.count) with markers"
        if outline.checked { summary += ", \(all.filter { $0.provableNow == true && !$0.item.checked }.count) unticked provable now" }
        Console.say("\(summary)")
    }

    /// One line per kind of proof: gate markers share a verdict, steps and evidence are named.
    static func detail(_ box: PlanOutline.Box, checked: Bool) -> [String] {
        var lines: [String] = []
        let gates = box.proofs.filter { $0.marker.hasPrefix("gate:") }
        if !gates.isEmpty {
            if !checked {
                lines.append("gatekeeper check proves it (plan --check says whether it can now)")
            } else if box.provableNow == true {
                lines.append("provable now")
            } else {
                var reasons: [String] = []
                for proof in gates where proof.provable == false {
                    if let reason = proof.reason, !reasons.contains(reason) { reasons.append(reason) }
                }
                lines.append("not yet: \(reasons.joined(separator: "; "))")
            }
        }
        for proof in box.proofs where !proof.marker.hasPrefix("gate:") && !lines.contains(proof.provenBy) {
            lines.append(proof.provenBy)
        }
        return lines
    }

    static func json(_ outline: PlanOutline) -> JSONValue {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return [
            "plan": .string(outline.file),
            "checked": .bool(outline.checked),
            "sections": .array(outline.sections.map { section in
                [
                    "heading": str(section.heading),
                    "boxes": .array(section.boxes.map { box in
                        [
                            "line": .number(JSONNumber(box.item.line)),
                            "checked": .bool(box.item.checked),
                            "text": .string(box.item.text),
                            "provable_now": box.provableNow.map { .bool($0) } ?? .null,
                            "markers": .array(box.proofs.map { proof in
                                [
                                    "marker": .string(proof.marker),
                                    "proven_by": .string(proof.provenBy),
                                    "provable_now": proof.provable.map { .bool($0) } ?? .null,
                                    "reason": proof.provable == false ? str(proof.reason) : .null,
                                ]
                            }),
                        ]
                    }),
                ]
            }),
        ]
    }
}
