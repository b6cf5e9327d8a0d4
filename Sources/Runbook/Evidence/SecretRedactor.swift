import Checks
import Foundation
import Support

/// Removes secret values from text before it is logged or saved as evidence. A secret is the
/// value of an environment variable whose name contains TOKEN, KEY, SECRET or PASSWORD. It is
/// found in the spellings it really travels in (see `spellings(of:)` and `SecretMatcher`): as
/// written, escaped in JSON or XML, percent-encoded, inside base64 after any prefix, and split
/// by a line break.
public struct SecretRedactor: Sendable {

    /// Values shorter than this would redact ordinary words and numbers; they are no secret.
    static let minimumLength = 4

    /// (variable name, value), longest value first so a secret that contains another is
    /// replaced whole.
    let secrets: [(name: String, value: String)]

    /// Every spelling of every secret, searched in one pass.
    let matcher: SecretMatcher

    public init(environment: [String: String]) {
        secrets = environment
            .filter { name, value in value.count >= Self.minimumLength && SecretName.matches(name) }
            .map { (name: $0.key, value: $0.value) }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.name < $1.name }
        matcher = SecretMatcher(secrets.map { (Array("[redacted:\($0.name)]".utf8), Self.spellings(of: $0.value)) })
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// The text with every spelling of every secret value replaced by `[redacted:NAME]`, and
    /// credentials written into a URL (a git remote's, say) by `[redacted]`.
    public func redact(_ text: String) -> String {
        var result = URLCredentials.redacted(text)
        if isEmpty { return result }
        let bytes = Array(result.utf8)
        let clean = redact(bytes: bytes)
        if clean != bytes { result = String(decoding: clean, as: UTF8.self) }
        // A value that differs from the text only in Unicode normalisation (é composed or not).
        for secret in secrets where result.contains(secret.value) {
            result = result.replacingOccurrences(of: secret.value, with: "[redacted:\(secret.name)]")
        }
        return result
    }
}
