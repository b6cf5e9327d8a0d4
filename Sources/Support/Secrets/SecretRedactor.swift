import Foundation

/// Removes secret values from text before it is logged or saved as evidence. A secret is the
/// value of an environment variable whose name contains TOKEN, KEY, SECRET or PASSWORD. It is
/// found in the spellings it really travels in (see `spellings(of:)` and `SecretMatcher`): as
/// written, escaped in JSON or XML, percent-encoded, inside base64 after any prefix, and split
/// by a line break.
public struct SecretRedactor: Sendable {

    /// Values shorter than this would redact ordinary words and numbers; they are no secret.
    static let minimumLength = 4

    /// (variable name, value), longest value first so a secret that contains another is
    /// replaced whole. A secret without a name (a token handed to git, a credential header) is
    /// replaced by the bare placeholder.
    let secrets: [(name: String?, value: String)]

    /// Every spelling of every secret, searched in one pass.
    let matcher: SecretMatcher

    /// The values of the environment's secret-looking variables (`SecretName`).
    public init(environment: [String: String], also extra: [(name: String?, value: String)] = []) {
        self.init(secrets: environment.filter { name, _ in SecretName.matches(name) }.map { (name: $0.key, value: $0.value) } + extra)
    }

    /// These values, named or not; values under `minimumLength` are no secret.
    public init(secrets given: [(name: String?, value: String)]) {
        secrets = given
            .filter { $0.value.count >= Self.minimumLength }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : ($0.name ?? "") < ($1.name ?? "") }
        matcher = SecretMatcher(secrets.map { (Array(Self.placeholder($0.name).utf8), Self.spellings(of: $0.value)) })
    }

    /// What stands where a secret was: `[redacted:NAME]`, or `[redacted]` for one without a
    /// name. The one spelling every redaction writes.
    public static func placeholder(_ name: String?) -> String {
        name.map { "[redacted:\($0)]" } ?? "[redacted]"
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
            result = result.replacingOccurrences(of: secret.value, with: Self.placeholder(secret.name))
        }
        return result
    }
}
