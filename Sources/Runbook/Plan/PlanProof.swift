import Checks

/// What proves a PLAN.md marker and, for `gate:` markers under `plan --check`, whether the
/// check proves it now.
public struct MarkerProof: Sendable {
    public let marker: String
    /// "gatekeeper check", "rollout step: branch", "rollout evidence: …".
    public let provenBy: String
    /// nil when not judged (no --check, or a step/accept marker that only a rollout proves).
    public let provable: Bool?
    public let reason: String?

    public static func of(_ marker: String, report: CheckReport?) -> MarkerProof {
        let parts = marker.split(separator: ":", maxSplits: 1).map(String.init)
        let (kind, id) = (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        switch kind {
        case "gate":
            guard let report else { return MarkerProof(marker: marker, provenBy: "gatekeeper check", provable: nil, reason: nil) }
            let (provable, reason) = judge(id, report: report)
            return MarkerProof(marker: marker, provenBy: "gatekeeper check", provable: provable, reason: reason)
        case "step":
            return MarkerProof(marker: marker, provenBy: stepTitles(marker).map { "rollout step: \($0)" } ?? "no rollout step \"\(id)\" proves it",
                               provable: nil, reason: nil)
        default:
            let by = PlanMarking.acceptanceTitle(id).map { "rollout evidence: acceptance criterion \(id) (\($0))" }
            return MarkerProof(marker: marker, provenBy: by ?? "no acceptance criterion \"\(id)\" proves it", provable: nil, reason: nil)
        }
    }

    /// The rollout steps that prove a `step:` marker (`bump` needs manifests and lockfiles).
    static func stepTitles(_ marker: String) -> String? {
        if marker == "step:bump" { return "\(RolloutStep.bump.title) + \(RolloutStep.lockfiles.title)" }
        let titles = RolloutStep.allCases.filter { $0.planMarker == marker }.map(\.title)
        return titles.isEmpty ? nil : titles.joined(separator: " + ")
    }

    /// `gate:ID` (one gate) or `gate:GATE:ID`, judged as `check --update-plan` would tick it.
    static func judge(_ id: String, report: CheckReport) -> (Bool, String) {
        let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
        let gate: GateReport
        let what: String
        if parts.count == 2 {
            guard let named = report.gates.first(where: { $0.id == parts[0] }) else { return (false, "no gate \"\(parts[0])\" in the config") }
            (gate, what) = (named, parts[1])
        } else {
            guard report.gates.count == 1, let only = report.gates.first else {
                return (false, "several gates: write gate:<gate-id>:\(id) to say which")
            }
            (gate, what) = (only, id)
        }
        if gate.provenMarkers.contains(what) { return (true, "provable now") }
        guard gate.candidate != nil else { return (false, gate.reasons.first ?? "no candidate release") }
        switch what {
        case "published":
            return (false, gate.reasons.first ?? "no candidate release")
        case "provenance":
            if gate.provenance.status == .notConfigured { return (false, "provenance: no fix_commit configured") }
            return (false, gate.reasons.first { $0.hasPrefix("provenance") }
                ?? "provenance \(gate.provenance.status.rawValue): \(gate.provenance.detail ?? "no detail")")
        default:
            guard let criterion = gate.criteria.first(where: { $0.id == what }) else {
                return (false, "gate \(gate.id) has no criterion \"\(what)\"")
            }
            return (false, "\(criterion.id): \(criterion.status) (\(criterion.title))")
        }
    }
}
