import Checks
import Testing

@Suite struct ConfigTests {
    let full = """
        [[gate]]
        dependency = "alchemy-llm"
        manifests  = ["Cargo.toml", "bindings/alchemy_llm_py/Cargo.toml"]
        index      = "https://index.crates.io/"
        upstream   = "https://github.com/alchemiststudiosDOTai/alchemy-rs.git"
        fix_commit = "4409a508150c7628e3b82e3103a7f7dd7f8ccb87"
        preset     = "usage-semantics"
        min_release_age = "48h"
        allow_incompatible = true

          [[gate.criteria]]
          id       = "provider-raw"
          title    = "provider-raw input/output (ours)"
          patterns = ["(?i)provider[- ]raw"]

          [[gate.criteria]]
          id       = "examples"
          patterns = ["(?i)examples/"]

        [rollout]
        branch       = "deps/{dependency}-{version}"
        qa           = ["uv run pytest -q"]

        [rollout.captures]
        rust   = "uv run python scripts/capture.py --path rust --out {out}"
        python = "uv run python scripts/capture.py --path python --out {out}"
        """

    @Test func readsEveryKeyOfTheDesign() throws {
        let config = try GatekeeperConfig.parse(full, file: "gatekeeper.toml")
        let gate = try #require(config.gates.first)
        #expect(gate.id == "alchemy-llm")
        #expect(gate.manifests.count == 2)
        #expect(gate.minReleaseAge?.seconds == 48 * 3600)
        #expect(gate.allowIncompatible)
        #expect(try GatekeeperConfig.parse("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"", file: "g").gates[0].allowIncompatible == false)
        #expect(gate.criteria.map(\.id) == ["provider-raw", "total-tokens", "cache-fields", "overflow-input-only", "examples"])
        #expect(gate.criteria[0].title == "provider-raw input/output (ours)", "a custom criterion replaces the preset's by id")
        #expect(config.rollout.qa == ["uv run pytest -q"])
        #expect(config.rollout.captures.map(\.name) == ["rust", "python"])
    }

    @Test(arguments: [
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\nindx = \"h\"", "gatekeeper.toml:5: unknown key \"gate[0].indx\""),
        ("[[gate]]\ndependency = \"x\"\nmanifests = \"Cargo.toml\"\npreset = \"usage-semantics\"", "gatekeeper.toml:3: gate[0].manifests: expected an array of strings, got a string"),
        ("[[gate]]\nmanifests = [\"Cargo.toml\"]", "gatekeeper.toml:1: gate[0].dependency: missing (required)"),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]", "gatekeeper.toml:1: gate[0] has no criteria: set preset = \"usage-semantics\" or add [[gate.criteria]]"),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\nfix_commit = \"4409a50\"", "gatekeeper.toml:5: gate[0].fix_commit: needs upstream (the repository the commit is in)"),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\nmin_release_age = \"two days\"", "gatekeeper.toml:5: gate[0].min_release_age: expected a duration such as \"48h\", \"7d\" or \"30m\", got \"two days\""),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\nindex = \"ftp://x\"", "gatekeeper.toml:5: gate[0].index: must be an https://, http:// or file:// URL, got \"ftp://x\""),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\n[[gate.criteria]]\nid = \"c\"\npatterns = [\"(unclosed\"]", "gatekeeper.toml:6: gate[0].criteria[0].patterns[0]: not a valid regex"),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\nallow_incompatible = \"yes\"", "gatekeeper.toml:5: gate[0].allow_incompatible: expected true or false, got a string"),
        ("[rollout]\nqa = [\"x\"]", "gatekeeper.toml: no [[gate]]: say which dependency to wait for"),
        ("[[gate]\n", "gatekeeper.toml:1: expected ']]' to close the array-of-tables header"),
        ("colour = 1", "gatekeeper.toml:1: unknown key \"colour\" (expected one of: gate, rollout, http, evidence)"),
        // A secret in the file is named as one, and its value never echoed.
        ("[rollout]\ngithub_token = \"ghp_0123456789abcdef\"", "gatekeeper.toml:2: \"rollout.github_token\" looks like a secret: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove it from this file and revoke it if it was committed"),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\nupstream = \"https://x-access-token:ghp_0123456789abcdef@github.com/o/r.git\"",
         "gatekeeper.toml:5: gate[0].upstream: the URL carries credentials: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove them from this file and revoke the token if it was committed"),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\nindex = \"ftp://u:ghp_0123456789abcdef@x\"",
         "gatekeeper.toml:5: gate[0].index: the URL carries credentials: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove them from this file and revoke the token if it was committed"),
        ("[[gate]]\ndependency = \"x\"\nmanifests = [\"Cargo.toml\"]\npreset = \"usage-semantics\"\n[rollout]\ngithub_api = \"https://ghp_0123456789abcdef@ghe.example.com/api/v3\"",
         "gatekeeper.toml:6: rollout.github_api: the URL carries credentials: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove them from this file and revoke the token if it was committed"),
        ("[http]\napi_key = \"sk-0123\"", "gatekeeper.toml:2: \"http.api_key\" looks like a secret: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove it from this file and revoke it if it was committed"),
    ])
    func badConfigsNameFileLineAndKey(text: String, message: String) {
        do {
            _ = try GatekeeperConfig.parse(text, file: "gatekeeper.toml")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }
}
