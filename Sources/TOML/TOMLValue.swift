import Foundation
/// A TOML document as read, keeping where every value sits in the source so a reader can name
/// the line of a bad value and an editor can change a value's bytes and nothing else.
public struct TOMLSpan: Sendable, Equatable, Codable {
    /// Byte offsets into the source, `end` exclusive.
    public let start: Int
    public let end: Int
    /// 1-based line of `start`.
    public let line: Int
}

public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    /// The value's text (for a string, quotes included).
    public var span: TOMLSpan
}

public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// Offset or local date-times, dates and times, kept as written.
    case datetime(String)
    case array([TOMLNode])
    case table(TOMLTable)

    public var typeDescription: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .bool: return "a boolean"
        case .datetime: return "a date-time"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var tableValue: TOMLTable? {
        if case .table(let t) = self { return t }
        return nil
    }

    public var arrayValue: [TOMLNode]? {
        if case .array(let a) = self { return a }
        return nil
    }
}

/// A table: its entries in source order.
public struct TOMLTable: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// `[header]` or `[[header]]` on this line.
        case header(line: Int)
        /// Created as the parent of a header; a later header may still define it.
        case implicit
        /// Created by a dotted key; only more dotted keys may extend it.
        case dotted
        /// `{ … }`, closed once written.
        case inline
        case root
    }

    public private(set) var keys: [String] = []
    private var nodes: [String: TOMLNode] = [:]
    public var origin: Origin

    public init(origin: Origin) { self.origin = origin }

    public subscript(key: String) -> TOMLNode? {
        get { nodes[key] }
        set {
            if nodes[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            nodes[key] = newValue
        }
    }

    /// Changes a node in place. Through the subscript a nested table would be copied whole on
    /// every change, which made a file of a thousand `[[gate]]` tables quadratic.
    mutating func modify(_ key: String, _ body: (inout TOMLNode) throws -> Void) rethrows {
        guard nodes[key] != nil else { return }
        try body(&nodes[key]!)
    }

    /// A table created under `key` because a header or dotted key goes through it.
    mutating func insertTable(_ child: TOMLTable, _ key: String, line: Int) {
        self[key] = TOMLNode(value: .table(child), span: TOMLSpan(start: 0, end: 0, line: line))
    }

    /// Moves the table under `key` out of its node, so the caller holds its only reference;
    /// `restoreTable` puts it back.
    mutating func takeTable(_ key: String) -> TOMLTable {
        guard case .table(let child)? = nodes[key]?.value else { return TOMLTable(origin: .implicit) }
        nodes[key]!.value = .bool(false)
        return child
    }

    mutating func restoreTable(_ child: TOMLTable, _ key: String) {
        nodes[key]?.value = .table(child)
    }

    /// The same for the last table of the array of tables under `key`.
    mutating func takeLastTable(_ key: String) -> (elements: [TOMLNode], last: TOMLTable) {
        guard case .array(var elements)? = nodes[key]?.value, case .table(let last)? = elements.last?.value else {
            return ([], TOMLTable(origin: .implicit))
        }
        nodes[key]!.value = .bool(false)
        elements[elements.count - 1].value = .bool(false)
        return (elements, last)
    }

    mutating func restoreLastTable(_ last: TOMLTable, of elements: inout [TOMLNode], _ key: String) {
        guard !elements.isEmpty else { return }
        elements[elements.count - 1].value = .table(last)
        nodes[key]?.value = .array(elements)
    }

    public var entries: [(key: String, node: TOMLNode)] { keys.compactMap { k in nodes[k].map { (k, $0) } } }

    public var isEmpty: Bool { keys.isEmpty }
}

public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}
