import Testing
import Usage
import Support

@Suite struct UsageCommandTests {
    @Test func normalizeMapsProviderRawUsageFromStdin() throws {
        let raw = """
            {"prompt_tokens": 1843, "completion_tokens": 212, "total_tokens": 2055,
             "prompt_tokens_details": {"cached_tokens": 1536},
             "completion_tokens_details": {"reasoning_tokens": 64}}
            """
        let r = try CLI.run(["usage", "normalize"], stdin: raw)
        #expect(r.status == 0, "\(r.stderr)")
        let usage = try UsageContract.decode(try JSONReader.parse(r.stdout))
        #expect(usage == Usage(input: 1843, output: 212, cacheRead: 1536, cacheWrite: 0, totalTokens: 2055))
        #expect(r.stderr.contains("note: completion_tokens_details.reasoning_tokens (64)"))
        #expect(r.stderr.contains("note: cache_read from prompt_tokens_details.cached_tokens (1536)"))
    }

    @Test func normalizeJSONFormatCarriesTheDiagnostics() throws {
        let r = try CLI.run(["usage", "normalize", "--format", "json"], stdin: #"{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": "15"}"#)
        #expect(r.status == 0)
        let doc = try JSONReader.parse(r.stdout)
        #expect(doc["usage"]?["total_tokens"]?.numberValue?.intValue == 15)
        let notes = doc["diagnostics"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(notes.contains { $0.contains("total_tokens was not a number") })
        #expect(r.stderr.isEmpty)
    }

    @Test func normalizeRefusesUsageWithoutPromptTokens() throws {
        let r = try CLI.run(["usage", "normalize"], stdin: #"{"completion_tokens": 5}"#)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "gatekeeper: error: stdin: usage.prompt_tokens: missing\n")
    }

    @Test func validateAcceptsCanonicalUsage() throws {
        let dir = try TempDir()
        let file = try dir.write("usage.json", JSONWriter.string(Usage(input: 10, output: 2, cacheRead: 4, totalTokens: 12).json))
        let r = try CLI.run(["usage", "validate", file])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("valid"))
    }

    @Test func validateListsEveryViolationOnItsOwnLine() throws {
        let payload = """
            {"input": 10, "output": -1, "cacheRead": 4, "cache_write": 1.5, "total_tokens": "12",
             "cost": {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0}}
            """
        let r = try CLI.run(["usage", "validate", "-"], stdin: payload)
        #expect(r.status == 1)
        #expect(Set(r.lines) == [
            "usage.cache_read: missing",
            "usage.cache_write: expected an integer token count, got 1.5",
            "usage.cacheRead: legacy key; the contract names it \"cache_read\"",
            "usage.cost.total: missing",
            "usage.output: token count is negative (-1)",
            "usage.total_tokens: expected a non-negative integer, got a string",
        ])
        #expect(r.lines.count == 6)
    }

    @Test func validateJSONFormatNamesKindAndPath() throws {
        let r = try CLI.run(["usage", "validate", "--format", "json"], stdin: #"{"totalTokens": 3}"#)
        #expect(r.status == 1)
        let doc = try JSONReader.parse(r.stdout)
        #expect(doc["valid"] == .bool(false))
        let kinds = doc["violations"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
        #expect(kinds.contains("legacy-key"))
        #expect(kinds.filter { $0 == "missing" }.count == 6)
    }

    @Test(arguments: [
        ("", "empty, expected JSON"),
        ("   \n", "only whitespace, expected JSON"),
        ("{\"input\": 1,}", "not valid JSON: line 1, column 13: expected a string key, found '}'"),
        ("{\"input\":\n  tru}", "not valid JSON: line 2, column 3: invalid literal, expected true"),
    ])
    func validateRejectsUnreadableInputWithExitTwo(input: String, message: String) throws {
        let dir = try TempDir()
        let file = try dir.write("bad.json", input)
        let r = try CLI.run(["usage", "validate", file])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "gatekeeper: error: \(file): \(message)\n")
    }

    @Test func validateOfAMissingFileSaysSo() throws {
        let r = try CLI.run(["usage", "validate", "/nonexistent/usage.json"])
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: /nonexistent/usage.json: cannot read: No such file or directory\n")
    }
}
