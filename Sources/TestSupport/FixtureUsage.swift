/// The usage a fixture reports, in the spelling and meaning its semantics call for.
struct FixtureUsage {
    var input: Int
    var output: Int
    var cacheRead: Int
    var cacheWrite: Int
    var totalTokens: Int
    /// Costs in picodollars, so the JSON shows exact short decimals ("0.0007372"), not binary noise.
    var cost: (input: Int, output: Int, cacheRead: Int, cacheWrite: Int, total: Int)
    let camelCase: Bool

    /// Prices per token in picodollars, like a small hosted model ($0.40/M in, $0.10/M cached, $1.60/M out).
    private static let inputPrice = 400_000, cachedPrice = 100_000, outputPrice = 1_600_000

    /// `promptTokens` is provider-raw (cached tokens included); `semantics` decides what is reported.
    init(semantics: CaptureFixture.Semantics, promptTokens: Int, completionTokens: Int) {
        // A multiple of 256 at about three quarters of the prompt: always above half of it, so
        // reporting input net of cache makes cache_read > input, as the real bug did.
        let cached = max(256, promptTokens * 3 / 4 / 256 * 256)
        input = promptTokens
        output = completionTokens
        cacheRead = cached
        cacheWrite = 0
        totalTokens = promptTokens + completionTokens
        let c = (input: (promptTokens - cached) * Self.inputPrice, output: completionTokens * Self.outputPrice,
                 cacheRead: cached * Self.cachedPrice, cacheWrite: 0)
        cost = (c.input, c.output, c.cacheRead, c.cacheWrite, c.input + c.output + c.cacheRead + c.cacheWrite)
        camelCase = semantics == .legacyKeys
        switch semantics {
        case .providerRaw, .legacyKeys:
            break
        case .netOfCache:
            // The path subtracts cache reads and then computes its own total from what is left.
            input = promptTokens - cached
            totalTokens = input + output
        case .legacyTotal:
            totalTokens = input + output + cacheRead
        }
    }

    /// All zeros, as partial messages carry before the provider has reported anything.
    static func zero(camelCase: Bool) -> FixtureUsage {
        var u = FixtureUsage(semantics: camelCase ? .legacyKeys : .providerRaw, promptTokens: 0, completionTokens: 0)
        u.cacheRead = 0
        u.cost = (0, 0, 0, 0, 0)
        return u
    }

    func write(into json: inout JSONBytes) {
        json.beginObject()
        json.member("input", input)
        json.member("output", output)
        json.member(camelCase ? "cacheRead" : "cache_read", cacheRead)
        json.member(camelCase ? "cacheWrite" : "cache_write", cacheWrite)
        json.member(camelCase ? "totalTokens" : "total_tokens", totalTokens)
        json.key("cost")
        json.beginObject()
        json.key("input"); json.number(Self.dollars(cost.input))
        json.key("output"); json.number(Self.dollars(cost.output))
        json.key(camelCase ? "cacheRead" : "cache_read"); json.number(Self.dollars(cost.cacheRead))
        json.key(camelCase ? "cacheWrite" : "cache_write"); json.number(Self.dollars(cost.cacheWrite))
        json.key("total"); json.number(Self.dollars(cost.total))
        json.endObject()
        json.endObject()
    }

    /// Picodollars as a JSON decimal: 737_200_000 → "0.0007372", 0 → "0.0".
    static func dollars(_ pico: Int) -> String {
        let scale = 1_000_000_000_000
        var fraction = String(pico % scale)
        fraction = String(repeating: "0", count: 12 - fraction.count) + fraction
        while fraction.count > 1, fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(pico / scale).\(fraction)"
    }
}
