import Foundation

/// Adds `<!-- kind:id -->` markers to the checklist lines of a plan that gatekeeper recognises
/// (the seed plan's wording and PlanTemplate's), so `check --update-plan` and `rollout` can tick
/// them. Only checkbox lines are marked, lines that already carry markers are left alone, and
/// every other byte stays.
public enum PlanMarking {
    /// A recognised line: every phrase occurs in its normalised text (lowercase, no backticks).
    struct Rule {
        let phrases: [String]
        let markers: [String]
        var prefix = false
    }

    static let rules: [Rule] = [
        Rule(phrases: ["crate version is published"], markers: ["gate:published"]),
        Rule(phrases: ["confirm crate release is live"], markers: ["gate:published"]),
        // The seed's one box for the four release-note claims; its sub-bullets are not boxes.
        Rule(phrases: ["release notes", "usage fix"],
             markers: ["gate:provider-raw", "gate:total-tokens", "gate:cache-fields", "gate:overflow-input-only"]),
        Rule(phrases: ["provider-raw input/output"], markers: ["gate:provider-raw"]),
        Rule(phrases: ["provider total_tokens support"], markers: ["gate:total-tokens"]),
        Rule(phrases: ["cache read/write field parsing"], markers: ["gate:cache-fields"]),
        Rule(phrases: ["overflow check update"], markers: ["gate:overflow-input-only"]),
        Rule(phrases: ["built from the fix commit"], markers: ["gate:provenance"]),
        Rule(phrases: ["create branch for rollout"], markers: ["step:branch"]),
        Rule(phrases: ["bump "], markers: ["step:bump"], prefix: true),
        Rule(phrases: ["refresh lockfile"], markers: ["step:bump"], prefix: true),
        Rule(phrases: ["run the usage contract suite"], markers: ["step:contracts"]),
        Rule(phrases: ["run the rust path and the python path"], markers: ["step:captures"]),
        Rule(phrases: ["diff usage semantics", "parity"], markers: ["step:parity"]),
        Rule(phrases: ["run full qa suite"], markers: ["step:qa"]),
        Rule(phrases: ["run live parity captures"], markers: ["step:captures", "step:parity"]),
        Rule(phrases: ["open pr with evidence"], markers: ["step:evidence"]),
        Rule(phrases: ["depends on", "released", "usage fix"], markers: ["accept:released-version"]),
        Rule(phrases: ["usage semantics are aligned"], markers: ["accept:semantics-aligned"]),
        Rule(phrases: ["output excludes reasoning-token"], markers: ["accept:reasoning-not-in-output"]),
        Rule(phrases: ["total_tokens preserves provider value"], markers: ["accept:total-tokens-preserved"]),
        Rule(phrases: ["cache read/write fields are correctly populated"], markers: ["accept:cache-fields"]),
        Rule(phrases: ["test suite + lint + pre-commit pass"], markers: ["accept:suites-pass"]),
        Rule(phrases: ["live captures demonstrate contract integrity"], markers: ["accept:captures-prove-contract"]),
    ]

    public struct Marked: Sendable, Equatable {
        /// 1-based line number.
        public let line: Int
        public let markers: [String]

        public init(line: Int, markers: [String]) {
            self.line = line
            self.markers = markers
        }
    }

    /// The markers a checklist item's text calls for, or nil when it is not recognised.
    public static func markers(for itemText: String) -> [String]? {
        let text = itemText.replacingOccurrences(of: "`", with: "").lowercased().trimmingCharacters(in: .whitespaces)
        return rules.first { rule in
            rule.prefix ? text.hasPrefix(rule.phrases[0]) : rule.phrases.allSatisfy(text.contains)
        }?.markers
    }

    /// Appends ` <!-- markers -->` to each recognised, unmarked checkbox line.
    public static func mark(_ text: String) -> (text: String, marked: [Marked]) {
        var out = ""
        var marked: [Marked] = []
        for (index, line) in PlanMarkers.lines(text).enumerated() {
            guard let box = PlanMarkers.checkbox(in: line.content), PlanMarkers.markers(in: line.content).isEmpty,
                  let markers = markers(for: String(line.content[box.range.upperBound...]))
            else {
                out += line.content + line.terminator
                continue
            }
            out += line.content + " <!-- \(markers.joined(separator: " ")) -->" + line.terminator
            marked.append(Marked(line: index + 1, markers: markers))
        }
        return (out, marked)
    }

    /// The rollout's acceptance criterion an `accept:ID` marker stands for.
    public static func acceptanceTitle(_ id: String) -> String? {
        AcceptanceCriteria.defaults.first { $0.id == id }?.title
    }
}
