import Support
/// Token usage in the canonical shape of the usage contract: provider-raw counts
/// (`input` = prompt tokens including cached ones, `output` = completion tokens without
/// reasoning added on top) and a cost breakdown.
public struct Usage: Codable, Sendable, Equatable {
    public var input: Int
    public var output: Int
    public var cacheRead: Int
    public var cacheWrite: Int
    public var totalTokens: Int
    public var cost: UsageCost

    public init(input: Int, output: Int, cacheRead: Int = 0, cacheWrite: Int = 0, totalTokens: Int, cost: UsageCost = .zero) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.totalTokens = totalTokens
        self.cost = cost
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case input, output
        case cacheRead = "cache_read"
        case cacheWrite = "cache_write"
        case totalTokens = "total_tokens"
        case cost
    }

    /// The contract's keys, in the contract's order.
    public static let keys: [String] = CodingKeys.allCases.map(\.rawValue)

    /// The canonical JSON object, keys in contract order.
    public var json: JSONValue {
        ["input": .number(JSONNumber(input)), "output": .number(JSONNumber(output)),
         "cache_read": .number(JSONNumber(cacheRead)), "cache_write": .number(JSONNumber(cacheWrite)),
         "total_tokens": .number(JSONNumber(totalTokens)), "cost": cost.json]
    }
}

/// The cost part of canonical usage. Providers often report none; zero is then the value.
public struct UsageCost: Codable, Sendable, Equatable {
    public var input: Double
    public var output: Double
    public var cacheRead: Double
    public var cacheWrite: Double
    public var total: Double

    public init(input: Double = 0, output: Double = 0, cacheRead: Double = 0, cacheWrite: Double = 0, total: Double = 0) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.total = total
    }

    public static let zero = UsageCost()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case input, output
        case cacheRead = "cache_read"
        case cacheWrite = "cache_write"
        case total
    }

    public static let keys: [String] = CodingKeys.allCases.map(\.rawValue)

    public var json: JSONValue {
        ["input": .number(JSONNumber(input)), "output": .number(JSONNumber(output)),
         "cache_read": .number(JSONNumber(cacheRead)), "cache_write": .number(JSONNumber(cacheWrite)),
         "total": .number(JSONNumber(total))]
    }
}
