@testable import Support
import Foundation
import Runbook
import Testing
import Usage

@Suite struct EvidenceSecretTests {
    static let environment = [
        "GITHUB_TOKEN": "ghp_Z9yX8wV7uT6sR5qP4oN3mL2kJ1",
        "OPENROUTER_API_KEY": "sk-or-v1-0f1e2d3c4b5a69788796a5b4",
        "DB_PASSWORD": "p&ss<w0rd>\"quoted\"",
        "HOME": "/root",
    ]
    static let secrets = ["ghp_Z9yX8wV7uT6sR5qP4oN3mL2kJ1", "sk-or-v1-0f1e2d3c4b5a69788796a5b4", "p&ss<w0rd>\"quoted\""]

    @Test func noSecretValueAppearsInAnyFileOfTheBundle() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        let (token, key, password) = (Self.secrets[0], Self.secrets[1], Self.secrets[2])
        f.input.manifestsDiff += "+# pushed with https://x-access-token:\(token)@github.com/o/r\n"
        try EvidenceTestFixture.write("$ pytest\nOPENROUTER_API_KEY=\(key)\nconnect postgres://app:\(password)@db\n", to: f.bundle + "/qa/01-uv-run-pytest-q.log")
        // The capture spells the token with JSON escapes a byte search alone would miss.
        let escapedToken = token.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
        try EvidenceTestFixture.write(#"{"events":[{"auth":"Bearer \#(escapedToken)","key":"\#(key)"}],"final_assistant_message":{}}"#,
                                      to: f.root + "/captures/rust.json")
        f.input.environment = ["GITHUB_TOKEN": .string(token), "env": ["OPENROUTER_API_KEY": .string(key)], "db": .string(password)]
        var gate = try #require(f.input.gate.objectValue)
        gate["notes"] = [.string("fetched with token \(token)"), .string(password)]
        f.input.gate = .object(gate)
        f.input.qa[1].command = "curl -H 'Authorization: Bearer \(token)' https://api.example"
        f.input.contractsJUnit = EvidenceTestFixture.junit.replacingOccurrences(
            of: "/>\n  </testsuite>", with: "><failure message=\"p&amp;ss&lt;w0rd&gt;&quot;quoted&quot;\"/></testcase>\n  </testsuite>")
        f.input.acceptance[0].title += " (\(key))"
        f.input.gateOverride = "approved by \(password)"

        let written = try f.write(redactor: SecretRedactor(environment: Self.environment))
        #expect(written.count == EvidenceTestFixture.completeFiles.count)

        for name in written {
            let bytes = try f.bytes(name)
            for secret in Self.secrets {
                for spelling in [secret, jsonEscaped(secret), xmlEscaped(secret)] {
                    #expect(!contains(bytes, spelling), "\(name) holds a secret spelled \(spelling)")
                }
            }
            // And once decoded, for the JSON files.
            if name.hasSuffix(".json") {
                let decoded = JSONWriter.string(try f.json(name), pretty: false)
                for secret in Self.secrets { #expect(!decoded.contains(secret) && !decoded.contains(jsonEscaped(secret)), "\(name) decodes to a secret") }
            }
        }
        // Credentials in a URL go whole, user name included.
        #expect(try f.text("manifests.diff").contains("+# pushed with https://[redacted]@github.com/o/r\n"))
        #expect(try f.text("qa/01-uv-run-pytest-q.log").contains("OPENROUTER_API_KEY=[redacted:OPENROUTER_API_KEY]"))
        #expect(try f.text("environment.json").contains("\"[redacted:DB_PASSWORD]\""))
        // Redaction happened before hashing: the bundle verifies.
        #expect(try EvidenceVerifier.verify(directory: f.bundle).intact)
    }

    @Test func aSecretSpelledAsAJSONNumberIsRedacted() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        f.input.environment = ["pin": .number(JSONNumber(text: "987654321"))]
        try f.write(redactor: SecretRedactor(environment: ["SERVICE_PIN_SECRET": "987654321"]))
        #expect(try f.json("environment.json") == ["pin": "[redacted:SERVICE_PIN_SECRET]"])
    }

    @Test func aCaptureHoldingNoSecretIsCopiedByteForByte() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        let capture = #"{"events": [{"delta": "caf\u00e9 \/ r\u00e9sum\u00e9"}], "final_assistant_message": {}}"# + "\n"
        try EvidenceTestFixture.write(capture, to: f.root + "/captures/python.json")
        f.input.captures[1].sourcePath = f.root + "/captures/python.json"
        try f.write(redactor: SecretRedactor(environment: Self.environment))
        #expect(try f.text("captures/python.json") == capture)
    }

    @Test func encodedAndSplitFormsOfASecretAreRedactedFromLogsAndCaptures() throws {
        var f = try EvidenceTestFixture()
        defer { f.remove() }
        let (token, password) = (Self.secrets[0], Self.secrets[2])
        let header = Data("x-access-token:\(token)".utf8).base64EncodedString()
        // base64 of a longer text, wrapped at 76 as `base64` does, the break inside the token.
        let long = Data("user=ci x-access-token:something-long:\(token)".utf8).base64EncodedString()
        let wrapped = stride(from: 0, to: long.count, by: 76).map { String(Array(long)[$0..<min($0 + 76, long.count)]) }.joined(separator: "\n")
        let percent = Array(password.utf8).map { String(format: "%%%02x", $0) }.joined()
        let log = """
            $ git -c http.extraheader="AUTHORIZATION: basic \(header)" fetch
            \(wrapped)
            postgres://app:\(percent)@db
            token: \(token.prefix(9))
            \(token.dropFirst(9))

            """
        try EvidenceTestFixture.write(log, to: f.bundle + "/qa/01-uv-run-pytest-q.log")
        try EvidenceTestFixture.write(#"{"events":[{"auth":"Basic \#(header)"}],"final_assistant_message":{}}"#, to: f.root + "/captures/rust.json")
        let written = try f.write(redactor: SecretRedactor(environment: Self.environment))

        let qa = try f.text("qa/01-uv-run-pytest-q.log")
        #expect(qa.contains("AUTHORIZATION: basic [redacted:GITHUB_TOKEN]"), "\(qa)")
        #expect(qa.contains("postgres://app:[redacted:DB_PASSWORD]@db"), "\(qa)")
        #expect(qa.contains("token: [redacted:GITHUB_TOKEN]\n"), "\(qa)")
        let core = String(header.dropFirst(20).prefix(30))
        for name in written {
            let text = try f.text(name)
            let joined = text.replacingOccurrences(of: "\n", with: "")
            #expect(!joined.contains(token) && !joined.contains(core) && !text.contains(percent), "\(name) holds the token in a form")
            #expect(!joined.contains(String(long.dropFirst(60).prefix(24))), "\(name) holds the wrapped base64")
        }
        #expect(try EvidenceVerifier.verify(directory: f.bundle).intact)
    }

    private func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle {
            return true
        }
        return false
    }

    private func jsonEscaped(_ s: String) -> String { String(JSONWriter.string(.string(s), pretty: false).dropFirst().dropLast()) }

    private func xmlEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
