import Foundation
import Support

/// A statement written on its own (`check --attest FILE`), with its DSSE envelope beside it when
/// there is a signing key: `vsa.json` → `vsa.dsse.json`.
public enum AttestationFile {
    public static func envelopePath(of file: String) -> String {
        (file.hasSuffix(".json") ? String(file.dropLast(5)) : file) + ".dsse.json"
    }

    /// Writes the statement, redacted, then its envelope signed over those exact bytes; an
    /// envelope left from an unsigned rerun's predecessor is removed. Returns the files written.
    @discardableResult
    public static func write(_ statement: JSONValue, to file: String, redactor: SecretRedactor, signer: SigningKey?) throws -> [String] {
        let bytes = FileRedaction.text(EvidenceBundle.json(statement), redactor)
        try AtomicFile.write(Data(bytes), to: file)
        let envelope = envelopePath(of: file)
        guard let signer else {
            if AtomicFile.linkTarget(envelope) == nil { try? FileManager.default.removeItem(atPath: envelope) }
            return [file]
        }
        try AtomicFile.write(Data(EvidenceBundle.json(try DSSEEnvelope.sign(bytes, with: signer).json)), to: envelope)
        return [file, envelope]
    }
}
