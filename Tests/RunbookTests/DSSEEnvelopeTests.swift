import Foundation
import Runbook
import Support
import Testing

/// DSSE envelopes and P-256 keys, checked against the spec's test vector and against an
/// implementation that is not ours: the `openssl` command line.
@Suite struct DSSEEnvelopeTests {
    static let statement = Array(#"{"_type":"https://in-toto.io/Statement/v1","subject":[]}"#.utf8)

    @Test func thePreAuthenticationEncodingIsTheSpecsTestVector() {
        let pae = DSSEEnvelope.pae(type: "http://example.com/HelloWorld", body: Array("hello world".utf8))
        #expect(String(decoding: pae, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    @Test func anEnvelopeSignedHereVerifiesAfterARoundTrip() throws {
        let key = SigningKey.generate()
        let envelope = try DSSEEnvelope.sign(Self.statement, with: key)
        let read = try DSSEEnvelope(bytes: Array(JSONWriter.string(envelope.json).utf8), path: "x.dsse.json")
        #expect(read == envelope)
        #expect(read.check(with: key.verifyingKey) == .signed)
        #expect(read.signatures.map(\.keyID) == [key.verifyingKey.keyID])
    }

    @Test func openSSLVerifiesOurSignatureAndReadsOurKeys() throws {
        let dir = try Folder()
        let key = SigningKey.generate()
        let envelope = try DSSEEnvelope.sign(Self.statement, with: key)
        // Rebuilt from the envelope's JSON, as a verifier that is not ours would.
        let json = try JSONReader.parse(JSONWriter.string(envelope.json))
        let payloadText = try #require(json["payload"]?.stringValue)
        let payload = try #require(Base64Text.decode(payloadText))
        let type = try #require(json["payloadType"]?.stringValue)
        let sigText = try #require(json["signatures"]?.arrayValue?.first?["sig"]?.stringValue)
        let sig = try #require(Base64Text.decode(sigText))
        try Data(DSSEEnvelope.pae(type: type, body: payload)).write(to: dir.url("pae.bin"))
        try Data(sig).write(to: dir.url("sig.der"))
        try key.verifyingKey.pem.write(to: dir.url("pub.pem"), atomically: true, encoding: .utf8)
        let verified = try Shell.run(["openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "pae.bin"], in: dir.path)
        #expect(verified.status == 0 && verified.output.contains("Verified OK"), "\(verified.output)")
        // The control: one byte of the signed bytes changed, and openssl refuses.
        var tampered = DSSEEnvelope.pae(type: type, body: payload)
        tampered[tampered.count - 2] ^= 1
        try Data(tampered).write(to: dir.url("pae.bin"))
        let refused = try Shell.run(["openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "pae.bin"], in: dir.path)
        #expect(refused.status != 0 && refused.output.contains("Verification failure"), "\(refused.output)")
        // The key id is the SHA-256 of the public key's DER as openssl writes it.
        let der = try Shell.run(["sh", "-c", "openssl pkey -pubin -in pub.pem -outform DER | sha256sum"], in: dir.path)
        #expect(der.output.hasPrefix(key.verifyingKey.keyID + " "), "\(der.output)")
    }

    @Test func aKeyOpenSSLGeneratesSignsAndItsPublicHalfVerifies() throws {
        let dir = try Folder()
        let made = try Shell.run(["sh", "-c", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem && openssl pkey -in key.pem -pubout -out pub.pem"], in: dir.path)
        #expect(made.status == 0, "\(made.output)")
        let key = try SigningKey(pem: try String(contentsOf: dir.url("key.pem"), encoding: .utf8), source: "key.pem")
        let pub = try VerifyingKey.read(file: dir.path + "/pub.pem")
        #expect(pub == key.verifyingKey)
        #expect(try DSSEEnvelope.sign(Self.statement, with: key).check(with: pub) == .signed)
    }

    @Test func everyChangeToASignedEnvelopeIsCaught() throws {
        let key = SigningKey.generate()
        let other = SigningKey.generate()
        let envelope = try DSSEEnvelope.sign(Self.statement, with: key)
        func reread(_ edit: (inout JSONObject) -> Void) throws -> DSSEEnvelope {
            var object = try #require(envelope.json.objectValue)
            edit(&object)
            return try DSSEEnvelope(bytes: Array(JSONWriter.string(.object(object)).utf8), path: "e.dsse.json")
        }
        // One byte of the payload.
        var changed = Self.statement
        changed[changed.count - 3] = UInt8(ascii: "x")
        #expect(try reread { $0["payload"] = .string(Base64Text.encode(changed)) }.check(with: key.verifyingKey) == .badSignature)
        // The payload type swapped: the signature binds it.
        #expect(try reread { $0["payloadType"] = "application/json" }.check(with: key.verifyingKey) == .badSignature)
        // Verified with another key, or signed by another key.
        #expect(envelope.check(with: other.verifyingKey) == .otherKey([key.verifyingKey.keyID]))
        let forged = try DSSEEnvelope.sign(Self.statement, with: other)
        #expect(forged.check(with: key.verifyingKey) == .otherKey([other.verifyingKey.keyID]))
        // No signature at all.
        #expect(try reread { $0["signatures"] = [] }.check(with: key.verifyingKey) == .unsigned)
        // The control: the untouched envelope, and the same one in URL-safe base64 without padding.
        #expect(try reread { _ in }.check(with: key.verifyingKey) == .signed)
        let urlSafe = try reread { object in
            func safe(_ s: String) -> String { s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "") }
            object["payload"] = .string(safe(Base64Text.encode(Self.statement)))
            object["signatures"] = .array(envelope.signatures.map { ["keyid": .string($0.keyID), "sig": .string(safe(Base64Text.encode($0.sig)))] })
        }
        #expect(urlSafe.check(with: key.verifyingKey) == .signed)
    }

    @Test func aMalformedEnvelopeOrKeyIsOneLineNamingTheFile() throws {
        #expect(throws: SourceError.self) { try DSSEEnvelope(bytes: Array("{".utf8), path: "a.dsse.json") }
        do {
            _ = try DSSEEnvelope(bytes: Array(#"{"payloadType":"t","payload":"%%%","signatures":[]}"#.utf8), path: "a.dsse.json")
        } catch {
            #expect("\(error)" == "a.dsse.json: payload is missing or not base64")
        }
        // A key that is not one: the error names where it came from and never quotes it.
        let secretLooking = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXZhbHVlLW5vdC1hLWtleQ==\n-----END PRIVATE KEY-----\n"
        do {
            _ = try SigningKey(pem: secretLooking, source: "$GATEKEEPER_SIGNING_KEY")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix("$GATEKEEPER_SIGNING_KEY: not an ECDSA P-256 private key"))
            #expect(!"\(error)".contains("c2VjcmV0"))
        }
    }
}

/// A temporary folder for one test.
private struct Folder: ~Copyable {
    let path = NSTemporaryDirectory() + "gatekeeper-dsse-\(UInt64.random(in: 0...UInt64.max))"
    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func url(_ name: String) -> URL { URL(fileURLWithPath: path + "/" + name) }
}

/// Runs a command, stdout and stderr together.
enum Shell {
    static func run(_ argv: [String], in dir: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
