import Checks
import Foundation
import Support

/// A signing key and where it came from; its PEM is kept only so every redactor hides it.
public struct LoadedSigningKey: Sendable {
    public let key: SigningKey
    /// "--signing-key FILE" or "$NAME", for messages.
    public let source: String
    let pem: String

    /// The key as a secret, for `SecretRedactor(environment:also:)`.
    public var secret: (name: String?, value: String) { (name: "signing key", value: pem) }
}

/// Where evidence signing keys come from: `--signing-key FILE`, else the environment variable
/// `[evidence] signing_key_env` names (default GATEKEEPER_SIGNING_KEY); never the config file.
public enum SigningKeySource {
    /// nil when neither is given (the evidence is then unsigned, and says so). A variable that
    /// is set but empty counts as not given; one that holds no P-256 key is an error.
    public static func load(file: String?, config: EvidenceConfig, environment: [String: String]) throws -> LoadedSigningKey? {
        if let file {
            let pem = String(decoding: try FileBytes.read(file), as: UTF8.self)
            return LoadedSigningKey(key: try SigningKey(pem: pem, source: file), source: "--signing-key \(file)", pem: pem)
        }
        guard let pem = environment[config.signingKeyEnv], !pem.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let source = "$\(config.signingKeyEnv)"
        return LoadedSigningKey(key: try SigningKey(pem: pem, source: source), source: source, pem: pem)
    }
}
