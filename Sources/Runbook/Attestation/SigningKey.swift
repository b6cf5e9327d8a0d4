import Crypto
import Foundation
import Support

/// An ECDSA P-256 private key that signs evidence (P-256 rather than Ed25519: it is what the
/// common DSSE and in-toto verifiers accept today). Read from PEM, PKCS#8 (what `openssl genpkey
/// -algorithm EC -pkeyopt ec_paramgen_curve:P-256` writes) or SEC1; its text is a secret, so no
/// error message ever quotes it.
public struct SigningKey: Sendable {
    /// The scalar; Crypto's key type is not Sendable, so it is rebuilt where it is used.
    private let raw: [UInt8]
    private var key: P256.Signing.PrivateKey { try! P256.Signing.PrivateKey(rawRepresentation: raw) }

    init(key: P256.Signing.PrivateKey) { raw = [UInt8](key.rawRepresentation) }

    /// `source` names where the PEM came from ("$GATEKEEPER_SIGNING_KEY", a file) in errors.
    public init(pem: String, source: String) throws {
        do {
            raw = [UInt8](try P256.Signing.PrivateKey(pemRepresentation: pem).rawRepresentation)
        } catch {
            throw SourceError(file: source, line: nil, message: "not an ECDSA P-256 private key in PEM (PKCS#8 \"PRIVATE KEY\" or SEC1 \"EC PRIVATE KEY\")")
        }
    }

    public static func generate() -> SigningKey { SigningKey(key: P256.Signing.PrivateKey()) }

    /// PKCS#8 PEM.
    public var pem: String { key.pemRepresentation }

    public var verifyingKey: VerifyingKey { VerifyingKey(key: key.publicKey) }

    /// An ASN.1 DER ECDSA signature over SHA-256 of `bytes` (what `openssl dgst -sha256 -verify`
    /// and cosign read).
    public func sign(_ bytes: [UInt8]) throws -> [UInt8] {
        [UInt8](try key.signature(for: bytes).derRepresentation)
    }
}

/// A P-256 public key that checks evidence signatures.
public struct VerifyingKey: Sendable, Equatable {
    /// SubjectPublicKeyInfo DER (Crypto's key type is not Sendable).
    private let der: [UInt8]
    private var key: P256.Signing.PublicKey { try! P256.Signing.PublicKey(derRepresentation: der) }

    init(key: P256.Signing.PublicKey) { der = [UInt8](key.derRepresentation) }

    public init(pem: String, source: String) throws {
        do {
            der = [UInt8](try P256.Signing.PublicKey(pemRepresentation: pem).derRepresentation)
        } catch {
            throw SourceError(file: source, line: nil, message: "not an ECDSA P-256 public key in PEM (\"PUBLIC KEY\")")
        }
    }

    public static func read(file: String) throws -> VerifyingKey {
        try VerifyingKey(pem: String(decoding: try FileBytes.read(file), as: UTF8.self), source: file)
    }

    /// SubjectPublicKeyInfo PEM.
    public var pem: String { key.pemRepresentation }

    /// The DSSE `keyid`: the SHA-256 of the key's SubjectPublicKeyInfo DER, in hex.
    public var keyID: String { SHA256Hex.of(der) }

    public func verify(_ signature: [UInt8], over bytes: [UInt8]) -> Bool {
        guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        return key.isValidSignature(parsed, for: bytes)
    }
}
