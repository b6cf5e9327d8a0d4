/// The rollout's steps, in order. The raw values are the PLAN.md `<!-- step:ID -->` markers
/// where the plan has one (`bump` covers manifests and lockfiles).
public enum RolloutStep: String, Sendable, CaseIterable, Codable {
    case branch, bump, lockfiles, contracts, captures, parity, qa, evidence, plan, commit

    /// The PLAN.md marker this step proves when done.
    public var planMarker: String? {
        switch self {
        case .branch, .contracts, .captures, .parity, .qa, .evidence: return "step:\(rawValue)"
        case .lockfiles: return "step:bump"
        case .bump, .plan, .commit: return nil
        }
    }

    public var title: String {
        switch self {
        case .branch: return "branch"
        case .bump: return "bump manifests"
        case .lockfiles: return "refresh lockfiles"
        case .contracts: return "contract suite"
        case .captures: return "captures"
        case .parity: return "parity suite"
        case .qa: return "QA"
        case .evidence: return "evidence bundle"
        case .plan: return "PLAN.md"
        case .commit: return "commit"
        }
    }
}
