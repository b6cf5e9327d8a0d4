/// A JSON document as read, keeping what the usage contract needs and Foundation drops:
/// the exact text of numbers (so `1.0`, `1e3` and `99999999999999999999` stay distinguishable
/// from integers) and the order and multiplicity of object keys.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name used in messages ("a string", "an object", …).
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let n): return n.isInteger ? "an integer" : "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Looks a key up in an object (nil for other types).
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// A JSON number kept as its source text.
public struct JSONNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let text: String

    public init(text: String) { self.text = text }
    public init(_ value: Int) { self.text = String(value) }
    /// Swift prints whole doubles with a fraction ("1.0"), so they read back as numbers, not
    /// integers. Callers pass finite values: JSON has no spelling for infinities or NaN.
    public init(_ value: Double) { self.text = value.isFinite ? "\(value)" : "0" }

    /// True when the text has no fraction and no exponent.
    public var isInteger: Bool {
        !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    }

    public var isNegative: Bool { text.utf8.first == UInt8(ascii: "-") && doubleValue != 0 }

    /// The exact integer, when the text is an integer that fits in `Int`.
    public var intValue: Int? { isInteger ? Int(text) : nil }

    public var doubleValue: Double { Double(text) ?? .nan }

    public var description: String { text }
}

/// A JSON object: its members in source order, duplicates included.
public struct JSONObject: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.members = pairs.map { Member(key: $0.key, value: $0.value) }
    }

    /// The value of the last member with this key, as most JSON readers resolve duplicates.
    public subscript(key: String) -> JSONValue? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            members.removeAll { $0.key == key }
            if let newValue { members.append(Member(key: key, value: newValue)) }
        }
    }

    public var keys: [String] { members.map(\.key) }

    public var isEmpty: Bool { members.isEmpty }

    /// Keys that appear more than once, each listed once, in first-seen order.
    public var duplicateKeys: [String] {
        var seen = Set<String>()
        var dup: [String] = []
        for m in members where !seen.insert(m.key).inserted && !dup.contains(m.key) {
            dup.append(m.key)
        }
        return dup
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}

extension JSONValue {
    /// The object without the named members that are null: for documents that spell an
    /// optional member only when it holds something, written as one literal in its order.
    public func omittingNull(_ keys: String...) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object.members.removeAll { keys.contains($0.key) && $0.value.isNull }
        return .object(object)
    }
}
