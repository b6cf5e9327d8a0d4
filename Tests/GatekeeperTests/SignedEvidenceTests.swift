import Foundation
import Runbook
import Support
import Testing
import TestSupport

/// Issue 15: the bundle's statements as DSSE envelopes, a verification summary for the gate and
/// test results for the suites; checked by `evidence verify --key` and by openssl.
@Suite(.serialized) struct SignedEvidenceTests {
    /// A rollout signed with a key `evidence keygen` made, outside the target repository.
    static func signedWorld() throws -> (world: RolloutWorld, keys: String, bundle: String) {
        let world = try RolloutWorld()
        let keys = world.dir.path("keys")
        let made = try CLI.run(["evidence", "keygen", "--out", keys])
        #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
        let r = try world.rollout(["--version", "0.1.2", "--signing-key", keys + "/signing-key.pem"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        return (world, keys, world.target + "/" + RolloutWorld.evidence)
    }

    static func verify(_ bundle: String, key: String?, require: Bool = false) throws -> CLI.Result {
        try CLI.run(["evidence", "verify", bundle] + (key.map { ["--key", $0] } ?? []) + (require ? ["--require-signature"] : []))
    }

    static func json(_ path: String) throws -> JSONValue { try JSONReader.parse(try FileBytes.read(path)) }

    @Test func aSignedBundleVerifiesWithItsKeyAndOpenSSLAgreesOnEveryEnvelope() throws {
        let (world, keys, bundle) = try Self.signedWorld()
        defer { withExtendedLifetime(world) {} }   // its folder goes with it
        let r = try Self.verify(bundle, key: keys + "/signing-key.pub.pem", require: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("signed: every envelope verifies with key"))
        let scratch = try TempDir()
        for statement in ["statement.intoto.json", "gate.vsa.json", "suites.test-result.json"] {
            let envelope = try Self.json(bundle + "/" + EvidenceLayout.envelope(of: statement))
            #expect(envelope["payloadType"] == "application/vnd.in-toto+json")
            let payload = try #require(Base64Text.decode(envelope["payload"]?.stringValue ?? ""))
            #expect(payload == (try FileBytes.read(bundle + "/" + statement)), "the envelope carries the statement's exact bytes")
            let sig = try #require(Base64Text.decode(envelope["signatures"]?.arrayValue?.first?["sig"]?.stringValue ?? ""))
            // The pre-authentication encoding, rebuilt here from the spec, not with our code.
            let pae = Array("DSSEv1 28 application/vnd.in-toto+json \(payload.count) ".utf8) + payload
            try Data(pae).write(to: scratch.url.appendingPathComponent("pae.bin"))
            try Data(sig).write(to: scratch.url.appendingPathComponent("sig.der"))
            let openssl = try TestProcess.run("openssl", ["dgst", "-sha256", "-verify", keys + "/signing-key.pub.pem",
                                                          "-signature", scratch.path("sig.der"), scratch.path("pae.bin")], mergeErrors: true)
            #expect(openssl.output.contains("Verified OK"), "\(statement): \(openssl.output)")
        }
    }

    @Test func theVerificationSummaryNamesTheCrateByItsIndexChecksumAndPasses() throws {
        let (world, _, bundle) = try Self.signedWorld()
        let vsa = try Self.json(bundle + "/gate.vsa.json")
        #expect(vsa["_type"] == "https://in-toto.io/Statement/v1")
        #expect(vsa["predicateType"] == "https://slsa.dev/verification_summary/v1")
        let subject = try #require(vsa["subject"]?.arrayValue?.first)
        #expect(subject["name"] == "pkg:cargo/alchemy-llm@0.1.2")
        let checksum = try #require(world.scenario.checksums["alchemy-llm@0.1.2"])
        #expect(subject["digest"]?["sha256"]?.stringValue == checksum, "the index cksum")
        let p = try #require(vsa["predicate"])
        #expect(p["verificationResult"] == "PASSED")
        #expect(p["verifier"]?["id"] == "https://gatekeeper.dev/verifier/v1")
        let config = try FileBytes.read(world.target + "/gatekeeper.toml")
        #expect(p["policy"]?["digest"]?["sha256"]?.stringValue == SHA256Hex.of(config))
        let inputs = p["inputAttestations"]?.arrayValue ?? []
        #expect(inputs.contains { $0["name"]?.stringValue == "index file of alchemy-llm" && $0["digest"]?["sha256"] != nil })
        #expect(inputs.contains { $0["name"]?.stringValue == "fix commit" && $0["digest"]?["gitCommit"]?.stringValue?.count == 40 })
        let tests = try Self.json(bundle + "/suites.test-result.json")
        #expect(tests["predicateType"] == "https://in-toto.io/attestation/test-result/v0.1")
        #expect(tests["predicate"]?["result"] == "PASSED")
        #expect((tests["predicate"]?["passedTests"]?.arrayValue ?? []).contains("qa/sh scripts/qa.sh"))
        #expect(tests["predicate"]?["failedTests"] == [])
    }

    @Test func anUnsignedBundleSaysSoAndFailsWhenASignatureIsRequired() throws {
        let world = try RolloutWorld()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let bundle = world.target + "/" + RolloutWorld.evidence
        let names = try FileManager.default.contentsOfDirectory(atPath: bundle)
        #expect(!names.contains { $0.hasSuffix(".dsse.json") }, "never an empty signature")
        #expect(try Self.json(bundle + "/statement.intoto.json")["predicate"]?["signature"]?["status"] == "unsigned")
        #expect(try world.read(RolloutWorld.evidence + "/PR.md").contains("Not signed"))
        let plain = try Self.verify(bundle, key: nil)
        #expect(plain.status == 0 && plain.stdout.contains("unsigned"), "\(plain.stdout)")
        let keys = world.dir.path("keys")
        _ = try CLI.run(["evidence", "keygen", "--out", keys])
        let required = try Self.verify(bundle, key: keys + "/signing-key.pub.pem", require: true)
        #expect(required.status == 1, "\(required.stdout)")
        #expect(required.stdout.contains("signature: statement.intoto.json (not signed (a signature is required))"))
        // --key alone accepts an unsigned bundle: it checks the signatures there are.
        #expect(try Self.verify(bundle, key: keys + "/signing-key.pub.pem").status == 0)
    }

    /// One way to tamper with a signed bundle, and what verify must say.
    struct Tamper: Sendable, CustomTestStringConvertible {
        let name: String
        let says: String
        let apply: @Sendable (_ bundle: String, _ keys: String) throws -> Void
        var testDescription: String { name }
    }

    static func rewrite(_ path: String, _ edit: (inout JSONObject) throws -> Void) throws {
        var object = try #require(try Self.json(path).objectValue)
        try edit(&object)
        try Data((JSONWriter.string(.object(object)) + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    static let tampers: [Tamper] = [
        Tamper(name: "one byte of a file", says: "altered: gate.json (sha256") { bundle, _ in
            var bytes = try FileBytes.read(bundle + "/gate.json")
            bytes[10] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: bundle + "/gate.json"))
        },
        Tamper(name: "one byte of a statement", says: "signature: suites.test-result.dsse.json (its payload is not suites.test-result.json") { bundle, _ in
            let path = bundle + "/suites.test-result.json"
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"PASSED\"", with: "\"FAILED\"")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        },
        Tamper(name: "the envelope's payload", says: "signature: gate.vsa.dsse.json (its payload is not gate.vsa.json") { bundle, _ in
            try rewrite(bundle + "/gate.vsa.dsse.json") { e in
                e["payload"] = .string(Base64Text.encode(Array(#"{"_type":"https://in-toto.io/Statement/v1"}"#.utf8)))
            }
        },
        Tamper(name: "the statement and its envelope's payload together", says: "signature: gate.vsa.dsse.json (the signature does not verify") { bundle, _ in
            // An attacker who rewrites a statement and the payload beside it, but has no key.
            let path = bundle + "/gate.vsa.json"
            let forged = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"PASSED\"", with: "\"FAILED\"")
            try forged.write(toFile: path, atomically: true, encoding: .utf8)
            try rewrite(bundle + "/gate.vsa.dsse.json") { e in e["payload"] = .string(Base64Text.encode(Array(forged.utf8))) }
        },
        Tamper(name: "re-signed with another key", says: "signed by another key") { bundle, keys in
            let other = SigningKey.generate()
            for statement in EvidenceLayout.signedStatements {
                let envelope = try DSSEEnvelope.sign(try FileBytes.read(bundle + "/" + statement), with: other)
                try Data((JSONWriter.string(envelope.json) + "\n").utf8).write(to: URL(fileURLWithPath: bundle + "/" + EvidenceLayout.envelope(of: statement)))
            }
        },
        Tamper(name: "a swapped payload type", says: "signature: statement.intoto.dsse.json (payloadType is \"application/json\"") { bundle, _ in
            try rewrite(bundle + "/statement.intoto.dsse.json") { e in e["payloadType"] = "application/json" }
        },
        Tamper(name: "one envelope removed", says: "signature: gate.vsa.json (has no envelope while the bundle's other statements do)") { bundle, _ in
            try FileManager.default.removeItem(atPath: bundle + "/gate.vsa.dsse.json")
        },
    ]

    @Test func everyTamperFailsVerifyWithItsReason() throws {
        let (world, keys, bundle) = try Self.signedWorld()
        for tamper in Self.tampers {
            let copy = world.dir.path("tampered-\(tamper.name.replacingOccurrences(of: " ", with: "-"))")
            _ = try TestProcess.run("cp", ["-a", bundle, copy])
            #expect(try Self.verify(copy, key: keys + "/signing-key.pub.pem").status == 0, "the control: the copy verifies before it is touched")
            try tamper.apply(copy, keys)
            let r = try Self.verify(copy, key: keys + "/signing-key.pub.pem", require: true)
            #expect(r.status == 1, "\(tamper.name): \(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains(tamper.says), "\(tamper.name): \(r.stdout)")
        }
    }

    @Test func aKeyFromTheEnvironmentSignsAndNeverLeaks() throws {
        let world = try RolloutWorld()
        let keys = world.dir.path("keys")
        _ = try CLI.run(["evidence", "keygen", "--out", keys])
        let pem = try String(contentsOfFile: keys + "/signing-key.pem", encoding: .utf8)
        let r = try world.rollout(["--version", "0.1.2"], environment: ["GATEKEEPER_SIGNING_KEY": pem])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let bundle = world.target + "/" + RolloutWorld.evidence
        #expect(try Self.verify(bundle, key: keys + "/signing-key.pub.pem", require: true).status == 0)
        // The key's body appears in no file of the repository (work tree and .git) and in no output.
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let grep = try TestProcess.run("grep", ["-rlF", String(body.prefix(40)), world.target])
        #expect(grep.output.isEmpty, "\(grep.output)")
        #expect(!(r.stdout + r.stderr).contains(String(body.prefix(40))))
    }

    @Test func aBadKeyStopsTheRolloutBeforeItChangesAnythingAndIsNotQuoted() throws {
        let world = try RolloutWorld()
        let before = try world.snapshot()
        let bad = "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWWJ1dGFzZWNyZXRzdHJpbmd0aGF0bXVzdG5vdGxlYWs=\n-----END PRIVATE KEY-----\n"
        let r = try world.rollout(["--version", "0.1.2"], environment: ["GATEKEEPER_SIGNING_KEY": bad])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr == "gatekeeper: error: $GATEKEEPER_SIGNING_KEY: not an ECDSA P-256 private key in PEM (PKCS#8 \"PRIVATE KEY\" or SEC1 \"EC PRIVATE KEY\")\n")
        #expect(try world.snapshot() == before)
    }

    @Test func checkAttestRecordsEveryDecisionOpenOrClosed() throws {
        let world = try RolloutWorld()
        let keys = world.dir.path("keys")
        _ = try CLI.run(["evidence", "keygen", "--out", keys])
        let file = world.dir.path("decision.vsa.json")
        let open = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.dir.path("cache"), "--attest", file,
                                "--signing-key", keys + "/signing-key.pem"])
        #expect(open.status == 0, "\(open.stdout)\(open.stderr)")
        #expect(try Self.json(file)["predicate"]?["verificationResult"] == "PASSED")
        let envelope = try DSSEEnvelope(bytes: try FileBytes.read(world.dir.path("decision.vsa.dsse.json")), path: "e")
        #expect(envelope.payload == (try FileBytes.read(file)))
        #expect(envelope.check(with: try VerifyingKey.read(file: keys + "/signing-key.pub.pem")) == .signed)
        // A version the gate refuses: exit 1, and the record says FAILED; unsigned now, so the
        // envelope of the earlier run is gone rather than left to vouch for other bytes.
        let closed = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.dir.path("cache"), "--version", "0.1.1", "--attest", file])
        #expect(closed.status == 1, "\(closed.stdout)\(closed.stderr)")
        let failed = try Self.json(file)
        #expect(failed["predicate"]?["verificationResult"] == "FAILED")
        #expect(failed["predicate"]?["verifiedLevels"] == ["FAILED"])
        // No candidate: the subject is the index file that was read.
        #expect(failed["subject"]?.arrayValue?.first?["name"] == "index file of alchemy-llm")
        #expect(!FileManager.default.fileExists(atPath: world.dir.path("decision.vsa.dsse.json")))
    }

    @Test func aReleaseBuiltBeforeTheFixIsAttestedFailedWithItsReason() throws {
        let world = try RolloutWorld(.builtBeforeFix)
        let file = world.dir.path("decision.vsa.json")
        let r = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.dir.path("cache"), "--attest", file])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let vsa = try Self.json(file)
        #expect(vsa["predicate"]?["verificationResult"] == "FAILED")
        #expect(vsa["subject"]?.arrayValue?.first?["name"] == "pkg:cargo/alchemy-llm@0.1.2", "the candidate that was refused")
        let reasons = vsa["predicate"]?["gatekeeper"]?["gates"]?.arrayValue?.first?["reasons"]?.arrayValue ?? []
        #expect(reasons.contains { $0.stringValue?.hasPrefix("provenance:") == true }, "\(reasons)")
    }

    @Test func keygenWritesAPrivateKeyOnlyItsOwnerReadsAndNeverReplacesOne() throws {
        let dir = try TempDir()
        let out = dir.path("k")
        let r = try CLI.run(["evidence", "keygen", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: out + "/signing-key.pem")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // openssl reads both halves.
        #expect(try TestProcess.run("openssl", ["pkey", "-in", out + "/signing-key.pem", "-noout"]).status == 0)
        #expect(try TestProcess.run("openssl", ["pkey", "-pubin", "-in", out + "/signing-key.pub.pem", "-noout"]).status == 0)
        let before = try FileBytes.read(out + "/signing-key.pem")
        let again = try CLI.run(["evidence", "keygen", "--out", out])
        #expect(again.status == 2 && again.stderr.contains("exists; gatekeeper does not replace a key"), "\(again.stderr)")
        #expect(try FileBytes.read(out + "/signing-key.pem") == before)
        // A link where the key would go is refused, and what it points at is untouched.
        let linked = dir.path("l")
        try FileManager.default.createDirectory(atPath: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linked + "/signing-key.pem", withDestinationPath: dir.path("victim"))
        let viaLink = try CLI.run(["evidence", "keygen", "--out", linked])
        #expect(viaLink.status == 2, "\(viaLink.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("victim")))
    }

    @Test func theConfigNamesAVariableNeverAKey() throws {
        let world = try RolloutWorld()
        let config = world.target + "/gatekeeper.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try (text + "\n[evidence]\nsigning_key_env = \"TEAM_EVIDENCE_PEM\"\n").write(toFile: config, atomically: true, encoding: .utf8)
        _ = try world.git(["commit", "-qam", "name the key variable"])
        let keys = world.dir.path("keys")
        _ = try CLI.run(["evidence", "keygen", "--out", keys])
        let pem = try String(contentsOfFile: keys + "/signing-key.pem", encoding: .utf8)
        let r = try world.rollout(["--version", "0.1.2"], environment: ["TEAM_EVIDENCE_PEM": pem])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try Self.verify(world.target + "/" + RolloutWorld.evidence, key: keys + "/signing-key.pub.pem", require: true).status == 0)
        // The name has no secret marker, so only the explicit key redaction hides it.
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(try TestProcess.run("grep", ["-rlF", String(body.prefix(40)), world.target]).output.isEmpty)

        // A key pasted into the config is refused without being echoed.
        let pasted = world.dir.path("pasted.toml")
        try (text + "\n[evidence]\nsigning_key_env = \"\"\"\n\(pem)\"\"\"\n").write(toFile: pasted, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["check", "--repo", world.target, "--config", pasted, "--cache-dir", world.dir.path("cache")])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("looks like a key itself"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(String(body.prefix(20))))
    }

    @Test func showAndThePageGiveTheSignatureStateAndTheVerdict() throws {
        let (world, keys, bundle) = try Self.signedWorld()
        let page = world.dir.path("review.html")
        let checked = try CLI.run(["evidence", "show", bundle, "--key", keys + "/signing-key.pub.pem", "--html", page])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.lines.contains { $0.hasPrefix("signed: every envelope verifies with key ") })
        #expect(checked.lines.contains("verification summary: PASSED (gate.vsa.json)"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<p id=\"signature\" class=\"muted\">Signature: signed: every envelope verifies with key "))
        #expect(html.contains("Verification summary (gate.vsa.json): <span class=\"pill"), "\(html.prefix(2000))")
        // Without the key the signatures are reported, not claimed.
        let unchecked = try CLI.run(["evidence", "show", bundle])
        #expect(unchecked.lines.contains { $0.hasPrefix("signed by key ") && $0.hasSuffix("(signatures not checked: give --key PUB.pem)") })
        // With another key the review is flagged and exits 1.
        let other = world.dir.path("other")
        _ = try CLI.run(["evidence", "keygen", "--out", other])
        let foreign = try CLI.run(["evidence", "show", bundle, "--key", other + "/signing-key.pub.pem"])
        #expect(foreign.status == 1)
        #expect(foreign.stdout.contains("signed by another key"))
    }

    @Test func aKeyThatCannotBeReadOrAFlagWithoutItsPartnerIsExitTwo() throws {
        let (world, keys, bundle) = try Self.signedWorld()
        defer { withExtendedLifetime(world) {} }
        // A private key where the public one belongs, and a file that is no key at all.
        for file in [keys + "/signing-key.pem", world.target + "/Cargo.toml", world.dir.path("absent.pem")] {
            let r = try Self.verify(bundle, key: file)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(file): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.hasPrefix("gatekeeper: error: \(file): ") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        #expect(!(try Self.verify(bundle, key: keys + "/signing-key.pem")).stderr.contains("PRIVATE"), "a key is never quoted")
        let required = try CLI.run(["evidence", "verify", bundle, "--require-signature"])
        #expect(required.status == 2 && required.stderr.contains("--require-signature needs --key PUB.pem"), "\(required.stderr)")
        let stray = try CLI.run(["check", "--repo", world.target, "--signing-key", keys + "/signing-key.pem"])
        #expect(stray.status == 2 && stray.stderr.contains("--signing-key goes with --attest FILE"), "\(stray.stderr)")
        // The control: the public key verifies.
        #expect(try Self.verify(bundle, key: keys + "/signing-key.pub.pem", require: true).status == 0)
    }
}
