/// SplitMix64: tiny, fast and the same on every platform, so a seed always gives the same capture.
public struct SeededRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `range` (small ranges; the modulo bias does not matter here).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// An index other than `previous`, so the prose never says the same thing twice in a row.
    mutating func index(below count: Int, not previous: Int) -> Int {
        guard previous >= 0 else { return int(in: 0...count - 1) }
        let i = int(in: 0...count - 2)
        return i >= previous ? i + 1 : i
    }
}

/// Assistant prose cut into streaming deltas. The sentences carry what real captures carry and
/// readers get wrong: accents, dashes, quotes, backslashes, tabs, newlines and an astral emoji.
struct FixtureText {
    private var random: SeededRandom
    private var pending: [String] = []
    private var lastSentence = -1
    private var lastBullet = -1
    private let deltaBytes: Int

    init(seed: UInt64, deltaBytes: Int) {
        random = SeededRandom(seed: seed ^ 0x7465_7874)
        self.deltaBytes = max(1, deltaBytes)
    }

    /// The next delta: whole words until about `deltaBytes` UTF-8 bytes.
    mutating func nextDelta() -> String {
        var delta = ""
        while delta.utf8.count < deltaBytes {
            if pending.isEmpty { pending = Self.words(of: nextParagraph()).reversed() }
            delta += pending.removeLast()
        }
        return delta
    }

    private mutating func nextParagraph() -> String {
        if random.int(in: 0...4) == 0 {
            let items = (0..<random.int(in: 2...4)).map { _ in
                lastBullet = random.index(below: Self.bullets.count, not: lastBullet)
                return "- " + Self.bullets[lastBullet]
            }
            return items.joined(separator: "\n") + "\n\n"
        }
        let sentences = (0..<random.int(in: 2...5)).map { _ in
            lastSentence = random.index(below: Self.sentences.count, not: lastSentence)
            return Self.sentences[lastSentence]
        }
        return sentences.joined(separator: " ") + "\n\n"
    }

    /// Splits after each space or newline, so every piece of text lands in exactly one delta.
    private static func words(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == " " || ch == "\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static let prompt = "Summarise how the two agent paths account for token usage — cached prompt tokens included — and say whether they agree."

    private static let sentences = [
        "Both paths report usage in the canonical shape: input, output, cache_read, cache_write, total_tokens and a cost breakdown.",
        "Provider-raw means \"input\" already includes the cached prompt tokens, so cache_read can never exceed input.",
        "In this run 1,536 of the 1,843 prompt tokens were served from the cache — a hit rate of about 83%.",
        "A legacy total adds cache reads on top (input + output + cache_read), which double-counts them.",
        "The Python path once reported input net of cache reads; the parity suite flags that as drift.",
        "Values may differ between runs because routing and caching differ; meaning may not.",
        "Run `gatekeeper parity rust=rust.json python=python.json --out out/` to compare the two captures.",
        "The café's naïve résumé parser choked on accents, which is why these fixtures keep them.",
        "Déjà vu: a key named \"cacheRead\" is the camelCase spelling of cache_read and breaks the contract.",
        "Windows paths such as C:\\captures\\rust.json keep their backslashes after escaping.",
        "Columns\tseparated\tby tabs survive the round trip as well.",
        "✅ The key sets match, and the stop reason is \"stop\" on both sides.",
        "Reasoning tokens are never added to output; output is completion tokens as the provider counts them.",
        "Costs are fractions of a cent per request — small numbers, but they must stay numbers.",
        "Each streaming update repeats the partial message so far, which is what makes real captures large.",
        "The rollout waits until the gate opens 🚀 and the evidence bundle is complete.",
        "Silent context overflow looks at input only, never at input + cache_read.",
        "Nothing here is secret: the figures are invented but plausible.",
    ]

    private static let bullets = [
        "input: prompt tokens, cached ones included",
        "output: completion tokens, no reasoning added",
        "cache_read ≤ input, always",
        "total_tokens: the provider's total (input + output)",
        "cost: five numbers, in dollars",
        "\"api\" and \"provider\" only exist on the Rust path",
    ]
}
