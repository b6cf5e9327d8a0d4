import Checks
import Foundation
import Usage

/// The plan's acceptance criteria, each judged from the evidence the rollout gathered. A
/// criterion whose evidence was not gathered does not hold.
enum AcceptanceCriteria {
    static let defaults: [(id: String, title: String)] = [
        ("released-version", "The project depends on the released version containing the fix."),
        ("semantics-aligned", "Rust and Python usage semantics are aligned (provider-raw)."),
        ("reasoning-not-in-output", "`output` excludes reasoning-token double-counting."),
        ("total-tokens-preserved", "`total_tokens` preserves provider value when present."),
        ("cache-fields", "Cache read/write fields are correctly populated when provider reports them."),
        ("suites-pass", "Test suite + lint + pre-commit pass."),
        ("captures-prove-contract", "Live captures demonstrate contract integrity end-to-end."),
    ]

    /// `treeAtVersion`: the work tree's manifests and lockfiles are at the new version, as
    /// checked from the files when asked (the state only says the steps ran).
    static func evaluate(state: RolloutState, plan: String, treeAtVersion: Bool) -> [AcceptanceItem] {
        // Titles come from the plan's own lines when it marks them.
        var titles: [String: String] = [:]
        for item in PlanMarkers.items(in: plan) {
            for marker in item.markers where marker.hasPrefix("accept:") { titles[String(marker.dropFirst(7))] = item.text }
        }
        let gateOpen = state.gateOpen
        let criterion = { (id: String) in state.gateProven.contains(id) }
        let contractsPass = state.contracts["failed"]?.numberValue?.intValue == 0 && !state.contracts.isNull
        let caseNamed = { (fragment: String) in
            state.contracts["cases"]?.arrayValue?.contains {
                ($0["file"]?.stringValue ?? "").contains(fragment) && $0["status"] == "pass"
            } == true
        }
        let parityAligned = state.paritySummary["verdict"] == "aligned"
        let qaRan = !state.qa.isEmpty && !state.notRun.contains(.qa)
        let qaPass = qaRan && state.qa.allSatisfy(\.passed)
        let lockfilesMoved = state.done.contains(.lockfiles) && !state.notRun.contains(.lockfiles)
        let captureFiles = state.captureOrder.map { name in
            (state.captures[name] ?? nil) == nil ? EvidenceLayout.captureNotRun(name) : EvidenceLayout.capture(name)
        }

        let verdicts: [String: (Bool, [String])] = [
            "released-version": (gateOpen && treeAtVersion && state.done.contains(.bump) && lockfilesMoved, ["gate.json", "manifests.diff"]),
            "semantics-aligned": (parityAligned, ["usage_parity_summary.json", "usage_parity_diff.json"]),
            "reasoning-not-in-output": (contractsPass && caseNamed("reasoning"), ["contracts.json"]),
            "total-tokens-preserved": (contractsPass && caseNamed("total") && criterion("total-tokens"), ["contracts.json", "gate.json"]),
            "cache-fields": (contractsPass && caseNamed("cache") && criterion("cache-fields"), ["contracts.json", "gate.json"]),
            "suites-pass": (contractsPass && qaPass, ["contracts.json", "qa.json"]),
            "captures-prove-contract": (parityAligned && state.captureOrder.count >= 2, captureFiles + ["usage_parity_summary.json"]),
        ]
        return defaults.map { d in
            let (holds, evidence) = verdicts[d.id] ?? (false, [])
            return AcceptanceItem(id: d.id, title: titles[d.id] ?? d.title, holds: holds, evidence: evidence)
        }
    }
}
