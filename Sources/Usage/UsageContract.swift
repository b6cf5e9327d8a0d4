import Support
/// One way a payload breaks the usage contract, named by its key path.
public struct ContractViolation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case notAnObject = "not-an-object"
        case missing
        case legacyKey = "legacy-key"
        case unexpectedKey = "unexpected-key"
        case duplicateKey = "duplicate-key"
        case wrongType = "wrong-type"
        case negative
        case fractional
        case overflow
    }

    public let path: String
    public let kind: Kind
    public let message: String

    public init(path: String, kind: Kind, message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// All the violations of one payload; thrown by `UsageContract.decode`.
public struct ContractViolations: Error, Sendable, CustomStringConvertible {
    public let violations: [ContractViolation]
    public var description: String { violations.map(\.description).joined(separator: "; ") }
}

/// The strict canonical usage contract: every key present, no other key, token counts
/// non-negative 64-bit integers, cost values finite numbers.
public enum UsageContract {
    /// Keys from older or provider-raw shapes, with the canonical key that replaces them.
    public static let legacyKeys: [String: String] = [
        "cacheRead": "cache_read",
        "cacheWrite": "cache_write",
        "totalTokens": "total_tokens",
        "total": "total_tokens",
        "prompt_tokens": "input",
        "completion_tokens": "output",
        "input_tokens": "input",
        "output_tokens": "output",
        "inputTokens": "input",
        "outputTokens": "output",
        "promptTokens": "input",
        "completionTokens": "output",
        "cache_read_input_tokens": "cache_read",
        "cache_creation_input_tokens": "cache_write",
        "cached_tokens": "cache_read",
        "cacheReadTokens": "cache_read",
        "cacheWriteTokens": "cache_write",
    ]

    static let legacyCostKeys: [String: String] = [
        "cacheRead": "cache_read",
        "cacheWrite": "cache_write",
        "totalCost": "total",
        "total_cost": "total",
    ]

    static let tokenKeys = ["input", "output", "cache_read", "cache_write", "total_tokens"]

    /// Every violation of `value`, in key order; empty when it holds.
    public static func check(_ value: JSONValue, path: String = "usage") -> [ContractViolation] {
        guard case .object(let usage) = value else {
            return [ContractViolation(path: path, kind: .notAnObject, message: "expected an object, got \(value.typeDescription)")]
        }
        var violations = checkKeys(usage, path: path, expected: Usage.keys, legacy: legacyKeys)
        for key in tokenKeys {
            if let v = usage[key] { violations += checkTokenCount(v, path: "\(path).\(key)") }
        }
        if let cost = usage["cost"] {
            let costPath = "\(path).cost"
            if case .object(let costObject) = cost {
                violations += checkKeys(costObject, path: costPath, expected: UsageCost.keys, legacy: legacyCostKeys)
                for key in UsageCost.keys {
                    if let v = costObject[key] { violations += checkCostValue(v, path: "\(costPath).\(key)") }
                }
            } else {
                violations.append(ContractViolation(path: costPath, kind: .wrongType, message: "expected an object, got \(cost.typeDescription)"))
            }
        }
        return violations
    }

    /// The canonical value, or every violation.
    public static func decode(_ value: JSONValue, path: String = "usage") throws -> Usage {
        let violations = check(value, path: path)
        guard violations.isEmpty, let object = value.objectValue, let cost = object["cost"]?.objectValue else {
            throw ContractViolations(violations: violations)
        }
        func int(_ key: String) -> Int { object[key]?.numberValue?.intValue ?? 0 }
        func double(_ key: String) -> Double { cost[key]?.numberValue?.doubleValue ?? 0 }
        return Usage(
            input: int("input"), output: int("output"),
            cacheRead: int("cache_read"), cacheWrite: int("cache_write"),
            totalTokens: int("total_tokens"),
            cost: UsageCost(input: double("input"), output: double("output"),
                            cacheRead: double("cache_read"), cacheWrite: double("cache_write"),
                            total: double("total"))
        )
    }

    private static func checkKeys(_ object: JSONObject, path: String, expected: [String], legacy: [String: String]) -> [ContractViolation] {
        var violations: [ContractViolation] = []
        for key in expected where object[key] == nil {
            violations.append(ContractViolation(path: "\(path).\(key)", kind: .missing, message: "missing"))
        }
        for key in object.duplicateKeys {
            violations.append(ContractViolation(path: "\(path).\(key)", kind: .duplicateKey, message: "key appears more than once"))
        }
        var reported = Set<String>()
        for key in object.keys where !expected.contains(key) && reported.insert(key).inserted {
            if let replacement = legacy[key] {
                violations.append(ContractViolation(path: "\(path).\(key)", kind: .legacyKey, message: "legacy key; the contract names it \"\(replacement)\""))
            } else {
                violations.append(ContractViolation(path: "\(path).\(key)", kind: .unexpectedKey, message: "not a key of the usage contract"))
            }
        }
        return violations
    }

    static func checkTokenCount(_ value: JSONValue, path: String) -> [ContractViolation] {
        guard case .number(let n) = value else {
            return [ContractViolation(path: path, kind: .wrongType, message: "expected a non-negative integer, got \(value.typeDescription)")]
        }
        guard n.isInteger else {
            return [ContractViolation(path: path, kind: .fractional, message: "expected an integer token count, got \(n.text)")]
        }
        if n.isNegative {
            return [ContractViolation(path: path, kind: .negative, message: "token count is negative (\(n.text))")]
        }
        if n.intValue == nil {
            return [ContractViolation(path: path, kind: .overflow, message: "token count \(n.text) does not fit in a 64-bit integer")]
        }
        return []
    }

    static func checkCostValue(_ value: JSONValue, path: String) -> [ContractViolation] {
        guard case .number(let n) = value else {
            return [ContractViolation(path: path, kind: .wrongType, message: "expected a number, got \(value.typeDescription)")]
        }
        if !n.doubleValue.isFinite {
            return [ContractViolation(path: path, kind: .overflow, message: "cost \(n.text) is not a finite number")]
        }
        return []
    }
}
