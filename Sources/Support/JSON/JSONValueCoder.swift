/// `Codable` values to and from `JSONValue`, so a typed value is stored with the one JSON writer
/// and read back with the one depth-limited reader. Members keep the order the value encodes
/// them in; a `JSONValue` inside a value is carried as it is (its member order and number text).
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try EncodedNode.box(value, path: []).json
    }
}

public struct JSONValueDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try DecodingReader.unbox(value, as: type, path: [])
    }
}

/// Why a `JSONValue` is not the type asked for, with where: "gate.criteria.0.passed: expected a
/// boolean, found a string".
public struct JSONDecodeError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    init(_ path: [CodingKey], _ message: String) {
        self.path = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        self.message = message
    }
}

extension JSONValue: Codable {
    /// Only `JSONValueEncoder` and `JSONValueDecoder` keep a `JSONValue` exactly; another coder
    /// gets its members through the plain containers.
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if let i = n.intValue { try c.encode(i) } else { try c.encode(n.doubleValue) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let elements):
            var c = encoder.unkeyedContainer()
            for e in elements { try c.encode(e) }
        case .object(let object):
            var c = encoder.container(keyedBy: AnyKey.self)
            for m in object.members { try c.encode(m.value, forKey: AnyKey(m.key)) }
        }
    }

    public init(from decoder: Decoder) throws {
        if let reader = decoder as? DecodingReader {
            self = reader.value
            return
        }
        throw JSONDecodeError(decoder.codingPath, "a JSON value can only be read with JSONValueDecoder")
    }
}

struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ string: String) { stringValue = string; intValue = nil }
    init(index: Int) { stringValue = String(index); intValue = index }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}

// MARK: encoding

/// One value under construction; containers write into it by reference, as `Encoder` requires.
final class EncodedNode {
    private enum Kind {
        case empty
        case value(JSONValue)
        case object([(key: String, node: EncodedNode)])
        case array([EncodedNode])
    }

    private var kind = Kind.empty

    static func box<T: Encodable>(_ value: T, path: [CodingKey]) throws -> EncodedNode {
        let node = EncodedNode()
        if let json = value as? JSONValue {
            node.kind = .value(json)
        } else {
            try value.encode(to: EncodingWriter(node: node, codingPath: path))
        }
        return node
    }

    var json: JSONValue {
        switch kind {
        case .empty: return .object(JSONObject())
        case .value(let v): return v
        case .object(let members): return .object(JSONObject(members.map { .init(key: $0.key, value: $0.node.json) }))
        case .array(let nodes): return .array(nodes.map(\.json))
        }
    }

    func set(_ value: JSONValue) { kind = .value(value) }

    func becomeObject() {
        if case .object = kind { return }
        kind = .object([])
    }

    func becomeArray() {
        if case .array = kind { return }
        kind = .array([])
    }

    /// A key encoded twice keeps its first place and its last value.
    func set(_ key: String, _ child: EncodedNode) {
        guard case .object(var members) = kind else { return }
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].node = child } else { members.append((key, child)) }
        kind = .object(members)
    }

    func append(_ child: EncodedNode) {
        guard case .array(var nodes) = kind else { return }
        nodes.append(child)
        kind = .array(nodes)
    }

    var count: Int {
        if case .array(let nodes) = kind { return nodes.count }
        return 0
    }
}

struct EncodingWriter: Encoder {
    let node: EncodedNode
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedWriter<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedWriter(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleWriter(node: node, codingPath: codingPath) }
}

private func number<N: BinaryInteger>(_ n: N) -> JSONValue { .number(JSONNumber(text: String(n))) }

private func floating(_ d: Double, _ path: [CodingKey]) throws -> JSONValue {
    guard d.isFinite else { throw JSONDecodeError(path, "\(d) has no JSON spelling") }
    return .number(JSONNumber(d))
}

struct SingleWriter: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.set(try floating(value, codingPath)) }
    mutating func encode(_ value: Float) throws { node.set(try floating(Double(value), codingPath)) }
    mutating func encode(_ value: Int) throws { node.set(number(value)) }
    mutating func encode(_ value: Int8) throws { node.set(number(value)) }
    mutating func encode(_ value: Int16) throws { node.set(number(value)) }
    mutating func encode(_ value: Int32) throws { node.set(number(value)) }
    mutating func encode(_ value: Int64) throws { node.set(number(value)) }
    mutating func encode(_ value: UInt) throws { node.set(number(value)) }
    mutating func encode(_ value: UInt8) throws { node.set(number(value)) }
    mutating func encode(_ value: UInt16) throws { node.set(number(value)) }
    mutating func encode(_ value: UInt32) throws { node.set(number(value)) }
    mutating func encode(_ value: UInt64) throws { node.set(number(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.set(try EncodedNode.box(value, path: codingPath).json) }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [CodingKey]

    private func put(_ value: JSONValue, _ key: Key) {
        let child = EncodedNode()
        child.set(value)
        node.set(key.stringValue, child)
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try floating(value, codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try floating(Double(value), codingPath + [key]), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(number(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(number(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, try EncodedNode.box(value, path: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode()
        child.becomeObject()
        node.set(key.stringValue, child)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = EncodedNode()
        child.becomeArray()
        node.set(key.stringValue, child)
        return UnkeyedWriter(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { superEncoder(named: AnyKey("super")) }
    mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder(named: key) }

    private func superEncoder(named key: CodingKey) -> Encoder {
        let child = EncodedNode()
        node.set(key.stringValue, child)
        return EncodingWriter(node: child, codingPath: codingPath + [key])
    }
}

struct UnkeyedWriter: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [CodingKey]
    var count: Int { node.count }

    private var nextKey: CodingKey { AnyKey(index: node.count) }

    private func put(_ value: JSONValue) {
        let child = EncodedNode()
        child.set(value)
        node.append(child)
    }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try floating(value, codingPath + [nextKey])) }
    mutating func encode(_ value: Float) throws { put(try floating(Double(value), codingPath + [nextKey])) }
    mutating func encode(_ value: Int) throws { put(number(value)) }
    mutating func encode(_ value: Int8) throws { put(number(value)) }
    mutating func encode(_ value: Int16) throws { put(number(value)) }
    mutating func encode(_ value: Int32) throws { put(number(value)) }
    mutating func encode(_ value: Int64) throws { put(number(value)) }
    mutating func encode(_ value: UInt) throws { put(number(value)) }
    mutating func encode(_ value: UInt8) throws { put(number(value)) }
    mutating func encode(_ value: UInt16) throws { put(number(value)) }
    mutating func encode(_ value: UInt32) throws { put(number(value)) }
    mutating func encode(_ value: UInt64) throws { put(number(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.append(try EncodedNode.box(value, path: codingPath + [nextKey])) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [nextKey]
        let child = EncodedNode()
        child.becomeObject()
        node.append(child)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let path = codingPath + [nextKey]
        let child = EncodedNode()
        child.becomeArray()
        node.append(child)
        return UnkeyedWriter(node: child, codingPath: path)
    }

    mutating func superEncoder() -> Encoder {
        let path = codingPath + [nextKey]
        let child = EncodedNode()
        node.append(child)
        return EncodingWriter(node: child, codingPath: path)
    }
}

// MARK: decoding

struct DecodingReader: Decoder {
    let value: JSONValue
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func unbox<T: Decodable>(_ value: JSONValue, as type: T.Type, path: [CodingKey]) throws -> T {
        if let json = value as? T { return json }
        return try T(from: DecodingReader(value: value, codingPath: path))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw JSONDecodeError(codingPath, "expected an object, found \(value.typeDescription)") }
        return KeyedDecodingContainer(KeyedReader<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw JSONDecodeError(codingPath, "expected an array, found \(value.typeDescription)") }
        return UnkeyedReader(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { self }
}

extension DecodingReader: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value.isNull }

    private func mismatch(_ expected: String) -> JSONDecodeError {
        JSONDecodeError(codingPath, "expected \(expected), found \(value.typeDescription)")
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch("a boolean") }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw mismatch("a string") }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard case .number(let n) = value else { throw mismatch("a number") }
        return n.doubleValue
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard case .number(let n) = value else { throw mismatch("an integer") }
        guard n.isInteger, let i = I(n.text) else { throw JSONDecodeError(codingPath, "\(n.text) is not an integer that fits \(I.self)") }
        return i
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try Self.unbox(value, as: type, path: codingPath) }
}

struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [CodingKey]

    var allKeys: [Key] { object.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func reader(_ key: Key) throws -> DecodingReader {
        guard let value = object[key.stringValue] else { throw JSONDecodeError(codingPath + [key], "missing") }
        return DecodingReader(value: value, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try reader(key).decodeNil() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try reader(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try reader(key).unkeyedContainer() }
    func superDecoder() throws -> Decoder {
        let key = AnyKey("super")
        guard let value = object[key.stringValue] else { throw JSONDecodeError(codingPath + [key], "missing") }
        return DecodingReader(value: value, codingPath: codingPath + [key])
    }
    func superDecoder(forKey key: Key) throws -> Decoder { try reader(key) }
}

struct UnkeyedReader: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [CodingKey]
    var currentIndex = 0

    init(elements: [JSONValue], codingPath: [CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> DecodingReader {
        let path = codingPath + [AnyKey(index: currentIndex)]
        guard !isAtEnd else { throw JSONDecodeError(path, "missing (the array has \(elements.count) elements)") }
        defer { currentIndex += 1 }
        return DecodingReader(value: elements[currentIndex], codingPath: path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> Decoder { try next() }
}
