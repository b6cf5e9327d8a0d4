import Support

/// A DSSE envelope (github.com/secure-systems-lab/dsse, protocol v1): a payload, its type, and
/// signatures over the pre-authentication encoding of both, so a signature binds the type too.
public struct DSSEEnvelope: Sendable, Equatable {
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    public struct Signature: Sendable, Equatable {
        public let keyID: String
        public let sig: [UInt8]
    }

    public let payloadType: String
    public let payload: [UInt8]
    public let signatures: [Signature]

    /// `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in ASCII decimal bytes.
    public static func pae(type: String, body: [UInt8]) -> [UInt8] {
        Array("DSSEv1 \(type.utf8.count) \(type) \(body.count) ".utf8) + body
    }

    public static func sign(_ payload: [UInt8], type: String = inTotoPayloadType, with key: SigningKey) throws -> DSSEEnvelope {
        let sig = try key.sign(pae(type: type, body: payload))
        return DSSEEnvelope(payloadType: type, payload: payload, signatures: [Signature(keyID: key.verifyingKey.keyID, sig: sig)])
    }

    public var json: JSONValue {
        [
            "payloadType": .string(payloadType),
            "payload": .string(Base64Text.encode(payload)),
            "signatures": .array(signatures.map { ["keyid": .string($0.keyID), "sig": .string(Base64Text.encode($0.sig))] }),
        ]
    }

    /// Reads an envelope file; anything malformed is a `SourceError` naming `path`.
    public init(bytes: [UInt8], path: String) throws {
        func fail(_ message: String) -> SourceError { SourceError(file: path, line: nil, message: message) }
        let json: JSONValue
        do {
            json = try JSONReader.parse(bytes)
        } catch let e as JSONSyntaxError {
            throw SourceError(file: path, line: e.line, message: "column \(e.column): \(e.message)")
        }
        guard json.objectValue != nil else { throw fail("expected a JSON object (a DSSE envelope)") }
        guard let type = json["payloadType"]?.stringValue else { throw fail("payloadType is missing or not a string") }
        guard let encoded = json["payload"]?.stringValue, let payload = Base64Text.decode(encoded) else {
            throw fail("payload is missing or not base64")
        }
        guard let list = json["signatures"]?.arrayValue else { throw fail("signatures is missing or not an array") }
        var signatures: [Signature] = []
        for (k, entry) in list.enumerated() {
            guard let text = entry["sig"]?.stringValue, let sig = Base64Text.decode(text), !sig.isEmpty else {
                throw fail("signature \(k + 1) has no base64 sig")
            }
            // keyid is optional in DSSE; an empty one matches no key.
            signatures.append(Signature(keyID: entry["keyid"]?.stringValue ?? "", sig: sig))
        }
        self.init(payloadType: type, payload: payload, signatures: signatures)
    }

    init(payloadType: String, payload: [UInt8], signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// What `key` says of the envelope.
    public enum Check: Sendable, Equatable {
        /// A signature by this key verifies over this type and payload.
        case signed
        /// No signature: nothing vouches for the payload.
        case unsigned
        /// Signed, but by other keys only (their key ids).
        case otherKey([String])
        /// A signature names this key but does not verify: the type or payload was changed.
        case badSignature
    }

    public func check(with key: VerifyingKey) -> Check {
        guard !signatures.isEmpty else { return .unsigned }
        let pae = Self.pae(type: payloadType, body: payload)
        if signatures.contains(where: { key.verify($0.sig, over: pae) }) { return .signed }
        if signatures.contains(where: { $0.keyID == key.keyID }) { return .badSignature }
        return .otherKey(signatures.map(\.keyID))
    }
}
