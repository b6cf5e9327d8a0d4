import Support
/// A capture with the name the report gives it (`rust`, `python`, `a`, …).
public struct NamedCapture: Sendable {
    public let name: String
    public let capture: RunCapture
    public init(name: String, capture: RunCapture) {
        self.name = name
        self.capture = capture
    }
}

/// Keys of two objects: those only one side has, and the shared ones, each sorted.
public struct KeyDiff: Sendable, Equatable {
    public let onlyInA: [String]
    public let onlyInB: [String]
    public let shared: [String]

    public init(_ a: [String], _ b: [String]) {
        let setA = Set(a), setB = Set(b)
        onlyInA = setA.subtracting(setB).sorted()
        onlyInB = setB.subtracting(setA).sorted()
        shared = setA.intersection(setB).sorted()
    }

    public var isEqual: Bool { onlyInA.isEmpty && onlyInB.isEmpty }

    public func json(_ nameA: String, _ nameB: String) -> JSONValue {
        [
            "only_in_\(nameA)": .array(onlyInA.map { .string($0) }),
            "only_in_\(nameB)": .array(onlyInB.map { .string($0) }),
            "shared": .array(shared.map { .string($0) }),
        ]
    }
}

/// A reason the two captures are not aligned.
public struct ParityViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case contract
        case usageKeyDiff = "usage-key-diff"
        case drift
    }

    /// The capture it concerns; nil when it concerns the pair.
    public let capture: String?
    public let kind: Kind
    public let path: String
    public let message: String

    public var description: String {
        "\(capture.map { "\($0): " } ?? "")\(path): \(message)"
    }

    public var json: JSONValue {
        [
            "capture": capture.map { .string($0) } ?? .null,
            "kind": .string(kind.rawValue),
            "path": .string(path),
            "message": .string(message),
        ]
    }
}

/// What the parity suite found for a pair of captures.
public struct ParityReport: Sendable {
    public let a: NamedCapture
    public let b: NamedCapture
    public let finalAssistantKeyDiff: KeyDiff
    public let usageKeyDiff: KeyDiff
    public let violations: [ParityViolation]

    public var aligned: Bool { violations.isEmpty }
    public var verdict: String { aligned ? "aligned" : "drift" }

    /// `usage_parity_diff.json`.
    public var diffJSON: JSONValue {
        let (na, nb) = (a.name, b.name)
        return [
            "\(na)_event_count": .number(JSONNumber(a.capture.eventCount)),
            "\(nb)_event_count": .number(JSONNumber(b.capture.eventCount)),
            "final_assistant_key_diff": finalAssistantKeyDiff.json(na, nb),
            "usage_key_diff": usageKeyDiff.json(na, nb),
            "usage_values": [
                na: a.capture.usage ?? .null,
                nb: b.capture.usage ?? .null,
            ],
            "stop_reason": [
                na: a.capture.stopReason ?? .null,
                nb: b.capture.stopReason ?? .null,
            ],
        ]
    }

    /// `usage_parity_summary.json`; `generatedAt` is an RFC 3339 timestamp.
    public func summaryJSON(generatedAt: String) -> JSONValue {
        let (na, nb) = (a.name, b.name)
        return [
            "generated_at": .string(generatedAt),
            "\(na)_file": .string(a.capture.file),
            "\(nb)_file": .string(b.capture.file),
            "\(na)_event_count": .number(JSONNumber(a.capture.eventCount)),
            "\(nb)_event_count": .number(JSONNumber(b.capture.eventCount)),
            "\(na)_usage": a.capture.usage ?? .null,
            "\(nb)_usage": b.capture.usage ?? .null,
            "verdict": .string(verdict),
            "violations": .array(violations.map(\.json)),
        ]
    }
}

/// The parity suite: same usage key set, both sides on the contract, and no drift signature.
/// Values may differ between runs (routing, caching); meaning may not.
public enum ParitySuite {
    public static func compare(_ a: NamedCapture, _ b: NamedCapture) -> ParityReport {
        let usageA = a.capture.usage
        let usageB = b.capture.usage
        let usageKeyDiff = KeyDiff(usageA?.objectValue?.keys ?? [], usageB?.objectValue?.keys ?? [])

        var violations: [ParityViolation] = []
        if !usageKeyDiff.isEqual {
            var parts: [String] = []
            if !usageKeyDiff.onlyInA.isEmpty { parts.append("only \(a.name) has \(usageKeyDiff.onlyInA.joined(separator: ", "))") }
            if !usageKeyDiff.onlyInB.isEmpty { parts.append("only \(b.name) has \(usageKeyDiff.onlyInB.joined(separator: ", "))") }
            violations.append(ParityViolation(capture: nil, kind: .usageKeyDiff, path: "usage", message: "usage key sets differ: " + parts.joined(separator: "; ")))
        }
        for side in [a, b] {
            violations += sideViolations(side)
        }
        return ParityReport(
            a: a, b: b,
            finalAssistantKeyDiff: KeyDiff(a.capture.finalAssistant.keys, b.capture.finalAssistant.keys),
            usageKeyDiff: usageKeyDiff,
            violations: violations)
    }

    private static func sideViolations(_ side: NamedCapture) -> [ParityViolation] {
        let path = "final_assistant.usage"
        let contract = UsageContract.check(side.capture.usage ?? .null, path: path)
        if side.capture.usage == nil {
            return [ParityViolation(capture: side.name, kind: .contract, path: path, message: "missing")]
        }
        var result = contract.map { ParityViolation(capture: side.name, kind: .contract, path: $0.path, message: $0.message) }
        if let usage = try? UsageContract.decode(side.capture.usage ?? .null, path: path) {
            result += DriftSignature.detect(usage).map {
                ParityViolation(capture: side.name, kind: .drift, path: path, message: $0)
            }
        }
        return result
    }
}

/// Semantic drift that the values alone reveal.
public enum DriftSignature {
    public static func detect(_ u: Usage) -> [String] {
        var found: [String] = []
        if u.cacheRead > u.input {
            found.append("cache_read (\(u.cacheRead)) > input (\(u.input)): input is reported net of cache reads, not provider-raw")
        }
        let (inOut, o1) = u.input.addingReportingOverflow(u.output)
        let (legacyTotal, o2) = inOut.addingReportingOverflow(u.cacheRead)
        if u.cacheRead > 0, !o1, !o2, legacyTotal == u.totalTokens {
            found.append("total_tokens (\(u.totalTokens)) = input + output + cache_read: a legacy total that adds cache reads on top")
        }
        return found
    }
}
