/// Why a piece of text that matched a criterion does not count as evidence.
public enum Rejection: Sendable, Equatable, Codable {
    /// The clause says the thing is not done ("does not yet use provider total_tokens").
    case negated
    /// A plan, wish or open item, not a fact ("TODO:", "planned", "### Known issues").
    case intent
    /// Inside an HTML comment: invisible when the changelog is rendered.
    case comment
    /// Under `[Unreleased]`: not part of any release.
    case unreleased
    /// Under another crate's heading (`## alchemy-core 0.2.0`).
    case otherCrate(String)
    /// A commit that a later commit of the range reverts.
    case reverted(by: String)
    /// A revert commit: it takes something out, it delivers nothing.
    case revert
    /// A commit reachable only through a merge that took none of its changes.
    case discarded(by: String)

    /// The word the report uses (`"why"` in JSON).
    public var why: String {
        switch self {
        case .negated: "negated"
        case .intent: "intent"
        case .comment: "comment"
        case .unreleased: "unreleased"
        case .otherCrate: "other crate"
        case .reverted: "reverted"
        case .revert: "revert"
        case .discarded: "discarded"
        }
    }

    /// The why with its particulars, for a reviewer: "other crate alchemy-core", "reverted by 1a2b3c4".
    public var explanation: String {
        switch self {
        case .otherCrate(let name): "other crate \(name)"
        case .reverted(let by): "reverted by \(by)"
        case .discarded(let by): "discarded by merge \(by)"
        default: why
        }
    }
}
