import Runbook
import Testing

@Suite struct SecretRedactorTests {
    @Test func valuesOfSecretLookingVariablesAreReplaced() {
        let r = SecretRedactor(environment: [
            "GITHUB_TOKEN": "ghp_abcdef123456",
            "OPENROUTER_API_KEY": "sk-or-v1-secret",
            "DB_PASSWORD": "hunter22",
            "client_secret": "shh-quiet",
            "HOME": "/root",
            "SHORT_KEY": "ab",
        ])
        let log = "push with ghp_abcdef123456 to /root; key=sk-or-v1-secret pw=hunter22 s=shh-quiet ab"
        #expect(r.redact(log) == "push with [redacted:GITHUB_TOKEN] to /root; key=[redacted:OPENROUTER_API_KEY] pw=[redacted:DB_PASSWORD] s=[redacted:client_secret] ab")
    }

    @Test func aSecretContainingAnotherIsReplacedWhole() {
        let r = SecretRedactor(environment: ["A_TOKEN": "abcd", "B_TOKEN": "xxabcdxx"])
        #expect(r.redact("xxabcdxx abcd") == "[redacted:B_TOKEN] [redacted:A_TOKEN]")
    }

    @Test func credentialsInAURLAreRedactedWithoutAnyVariableNamingThem() {
        // A remote set to https://x-access-token:…@ by hand: the token is in no variable.
        let r = SecretRedactor(environment: ["GITHUB_TOKEN": "ghp_abcdef123456"])
        #expect(r.redact("cannot push to origin (https://x-access-token:ghs_other999@github.com/o/r.git) with ghp_abcdef123456")
            == "cannot push to origin (https://[redacted]@github.com/o/r.git) with [redacted:GITHUB_TOKEN]")
    }

    @Test func noSecretsLeavesTextAlone() {
        let r = SecretRedactor(environment: ["PATH": "/usr/bin"])
        #expect(r.isEmpty)
        #expect(r.redact("/usr/bin") == "/usr/bin")
    }
}
