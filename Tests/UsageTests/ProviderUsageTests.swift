import Testing
import Usage
import Support

@Suite struct ProviderUsageTests {
    func normalize(_ text: String) throws -> NormalizedUsage {
        try ProviderUsage.normalize(try JSONReader.parse(text))
    }

    @Test func providerRawInputOutputWithReasoningNotAdded() throws {
        let n = try normalize(#"{"prompt_tokens": 900, "completion_tokens": 300, "total_tokens": 1200, "completion_tokens_details": {"reasoning_tokens": 250}}"#)
        #expect(n.usage.input == 900)
        #expect(n.usage.output == 300)
        #expect(n.usage.totalTokens == 1200)
        #expect(n.diagnostics.contains { $0.contains("reasoning_tokens (250)") && $0.contains("not added to output") })
    }

    @Test func cacheReadPrecedence() throws {
        #expect(try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "cache_read_input_tokens": 7, "prompt_tokens_details": {"cached_tokens": 5}}"#).usage.cacheRead == 7)
        #expect(try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "cache_read_input_tokens": null, "prompt_tokens_details": {"cached_tokens": 5}}"#).usage.cacheRead == 5)
        #expect(try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": null}"#).usage.cacheRead == 0)
        let disagree = try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "cache_read_input_tokens": 7, "prompt_tokens_details": {"cached_tokens": 5}}"#)
        #expect(disagree.diagnostics.contains("cache_read_input_tokens (7) and prompt_tokens_details.cached_tokens (5) disagree; cache_read uses cache_read_input_tokens"))
    }

    @Test func cacheWritePrecedence() throws {
        #expect(try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "cache_creation_input_tokens": 3, "prompt_tokens_details": {"cache_write_tokens": 2}}"#).usage.cacheWrite == 3)
        #expect(try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": {"cache_write_tokens": 2}}"#).usage.cacheWrite == 2)
        #expect(try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1}"#).usage.cacheWrite == 0)
    }

    @Test func totalTokensPrefersTheProviderNumber() throws {
        let kept = try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 20}"#)
        #expect(kept.usage.totalTokens == 20)
        #expect(kept.diagnostics.contains { $0.contains("kept the provider's value") })
        let fallback = try normalize(#"{"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": "11"}"#)
        #expect(fallback.usage.totalTokens == 11)
        #expect(fallback.diagnostics.contains("total_tokens was not a number (a string); used input + output (11)"))
    }

    @Test(arguments: [
        (#"{"completion_tokens": 1}"#, "usage.prompt_tokens: missing"),
        (#"{"prompt_tokens": -1, "completion_tokens": 1}"#, "usage.prompt_tokens: token count is negative (-1)"),
        (#"{"prompt_tokens": 1.5, "completion_tokens": 1}"#, "usage.prompt_tokens: expected an integer token count, got 1.5"),
        (#"{"prompt_tokens": "10", "completion_tokens": 1}"#, "usage.prompt_tokens: expected a non-negative integer, got a string"),
        (#"{"prompt_tokens": 99999999999999999999, "completion_tokens": 1}"#, "usage.prompt_tokens: token count 99999999999999999999 does not fit in a 64-bit integer"),
        (#"{"prompt_tokens": 9223372036854775807, "completion_tokens": 1}"#, "usage: prompt_tokens + completion_tokens does not fit in a 64-bit integer"),
        (#"{"prompt_tokens": 1, "completion_tokens": 1, "prompt_tokens_details": 3}"#, "usage.prompt_tokens_details: expected an object, got an integer"),
        (#"[1]"#, "usage: expected an object, got an array"),
    ])
    func badRawUsageNamesTheKey(text: String, message: String) throws {
        do {
            _ = try normalize(text)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }
}

@Suite struct UsageContractTests {
    @Test func canonicalUsageHolds() throws {
        let usage = Usage(input: 1843, output: 212, cacheRead: 1536, cacheWrite: 0, totalTokens: 2055, cost: UsageCost(total: 0.0012))
        #expect(UsageContract.check(usage.json).isEmpty)
        #expect(try UsageContract.decode(usage.json) == usage)
        #expect(Usage.keys == ["input", "output", "cache_read", "cache_write", "total_tokens", "cost"])
    }

    @Test func everyViolationIsReportedWithItsPath() throws {
        let v = try JSONReader.parse(#"{"input": 1, "input": 2, "output": 1e2, "prompt_tokens": 3, "cache_read": true, "cache_write": 99999999999999999999, "total_tokens": 3, "extra": 1, "cost": {"input": "0", "output": 0, "cacheRead": 0, "cache_write": 0, "total": 0}}"#)
        let found = UsageContract.check(v).map { "\($0.path) \($0.kind.rawValue)" }
        #expect(found.sorted() == [
            "usage.cache_read wrong-type",
            "usage.cache_write overflow",
            "usage.cost.cacheRead legacy-key",
            "usage.cost.cache_read missing",
            "usage.cost.input wrong-type",
            "usage.extra unexpected-key",
            "usage.input duplicate-key",
            "usage.output fractional",
            "usage.prompt_tokens legacy-key",
        ])
        #expect(throws: ContractViolations.self) { try UsageContract.decode(v) }
    }

    @Test func silentOverflowLooksAtInputOnly() {
        let usage = Usage(input: 120_000, output: 500, cacheRead: 100_000, totalTokens: 120_500)
        #expect(!ContextOverflow.isSilentOverflow(usage, contextWindow: 128_000), "input + cache_read would be 220k: the old, wrong check")
        #expect(ContextOverflow.isSilentOverflow(usage, contextWindow: 100_000))
        #expect(!ContextOverflow.isSilentOverflow(usage, contextWindow: 0))
    }
}
