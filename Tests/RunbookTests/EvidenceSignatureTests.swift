import Foundation
import Runbook
import Support
import Testing

/// The verifier's envelope rules that a rollout never produces but a hand can: an envelope
/// beside a statement the bundle does not hold, one that is not JSON, one that is a folder.
@Suite struct EvidenceSignatureTests {
    static func signed() throws -> (EvidenceTestFixture, SigningKey) {
        let f = try EvidenceTestFixture()
        let key = SigningKey.generate()
        try EvidenceBundle.write(f.input, to: f.bundle, redactor: SecretRedactor(environment: [:]), signer: key)
        return (f, key)
    }

    @Test func theControlASignedFixtureVerifies() throws {
        let (f, key) = try Self.signed()
        defer { f.remove() }
        let report = try EvidenceVerifier.verify(directory: f.bundle, key: key.verifyingKey, requireSignature: true)
        #expect(report.intact, "\(report.signatureProblems)")
        #expect(report.signature == .signed(keyIDs: [key.verifyingKey.keyID], verified: true))
        // No gate was verified in this fixture, so there is no verification summary to sign.
        #expect(!FileManager.default.fileExists(atPath: f.bundle + "/gate.vsa.dsse.json"))
    }

    @Test func anEnvelopeOfAStatementTheBundleDoesNotHoldIsRefused() throws {
        let (f, key) = try Self.signed()
        defer { f.remove() }
        let stray = try DSSEEnvelope.sign(Array("{}".utf8), with: key)
        try Data(JSONWriter.string(stray.json).utf8).write(to: URL(fileURLWithPath: f.bundle + "/gate.vsa.dsse.json"))
        let report = try EvidenceVerifier.verify(directory: f.bundle, key: key.verifyingKey)
        #expect(!report.intact)
        #expect(report.signatureProblems["gate.vsa.dsse.json"] == "the envelope of gate.vsa.json, which the bundle does not hold")
    }

    @Test func anEnvelopeThatIsNotJSONOrNotAFileIsRefusedNotSkipped() throws {
        let (f, key) = try Self.signed()
        defer { f.remove() }
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: f.bundle + "/statement.intoto.dsse.json"))
        try FileManager.default.removeItem(atPath: f.bundle + "/suites.test-result.dsse.json")
        try FileManager.default.createDirectory(atPath: f.bundle + "/suites.test-result.dsse.json", withIntermediateDirectories: false)
        let report = try EvidenceVerifier.verify(directory: f.bundle, key: key.verifyingKey)
        #expect(report.signatureProblems["statement.intoto.dsse.json"]?.hasPrefix("not a DSSE envelope (statement.intoto.dsse.json:1: ") == true,
                "\(report.signatureProblems)")
        #expect(report.signatureProblems["suites.test-result.dsse.json"] == "not a regular file")
    }
}
