import Checks
import Foundation

/// Removes secret values from text before it is logged or saved as evidence. A secret is the
/// value of an environment variable whose name contains TOKEN, KEY, SECRET or PASSWORD.
public struct SecretRedactor: Sendable {

    /// Values shorter than this would redact ordinary words and numbers; they are no secret.
    static let minimumLength = 4

    /// (variable name, value), longest value first so a secret that contains another is
    /// replaced whole.
    let secrets: [(name: String, value: String)]

    public init(environment: [String: String]) {
        secrets = environment
            .filter { name, value in value.count >= Self.minimumLength && SecretName.matches(name) }
            .map { (name: $0.key, value: $0.value) }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.name < $1.name }
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// The text with every secret value replaced by `[redacted:NAME]`, and credentials written
    /// into a URL (a git remote's, say) by `[redacted]`.
    public func redact(_ text: String) -> String {
        var result = URLCredentials.redacted(text)
        for secret in secrets where result.contains(secret.value) {
            result = result.replacingOccurrences(of: secret.value, with: "[redacted:\(secret.name)]")
        }
        return result
    }
}
