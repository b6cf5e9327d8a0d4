import Foundation
/// Where headers and keys land in the table tree, with TOML's rules on defining a table once.
enum TOMLTree {
    // Headers and dotted keys recurse once per part (through `descend`, which changes each
    // table in place). The parser allows at most `TOMLReader.maxDepth` parts; what is not
    // recursion (checks, messages) is in functions that return before the next part, so each
    // part's frames stay small (debug builds give every temporary its own stack slot).

    static func defineHeader(_ table: inout TOMLTable, path: ArraySlice<String>, isArray: Bool, line: Int, span: TOMLSpan,
                             fullName: String? = nil) throws {
        let name = fullName ?? path.joined(separator: ".")
        guard let key = path.first else { return }
        if path.count == 1 {
            return try defineLast(&table, key: key, isArray: isArray, line: line, span: span, name: name)
        }
        try descend(&table, key: key, line: line, name: name, creating: .implicit) { child in
            try defineHeader(&child, path: path.dropFirst(), isArray: isArray, line: line, span: span, fullName: name)
        }
    }

    /// The header's last part: a new table, a table only implied so far, or one more table of
    /// an array of tables.
    private static func defineLast(_ table: inout TOMLTable, key: String, isArray: Bool, line: Int, span: TOMLSpan, name: String) throws {
        switch shape(of: table[key]) {
        case .absent:
            let new = TOMLTable(origin: .header(line: line))
            table[key] = TOMLNode(value: isArray ? .array([TOMLNode(value: .table(new), span: span)]) : .table(new), span: span)
        case .table:
            guard !isArray else { throw TOMLError(line: line, message: "[[\(name)]] names a table, not an array of tables") }
            try table.modify(key) { node in
                guard case .table(var existing) = node.value else { return }
                switch existing.origin {
                case .implicit: break
                case .inline: throw TOMLError(line: line, message: "table [\(name)] is already defined as an inline table")
                default: throw TOMLError(line: line, message: "table [\(name)] is defined twice")
                }
                node.value = .bool(false)
                existing.origin = .header(line: line)
                node.value = .table(existing)
            }
        case .arrayOfTables where isArray:
            table.modify(key) { node in
                guard case .array(var elements) = node.value else { return }
                node.value = .bool(false)  // so the append does not copy every table before it
                elements.append(TOMLNode(value: .table(TOMLTable(origin: .header(line: line))), span: span))
                node.value = .array(elements)
            }
        case .arrayOfTables, .other:
            throw TOMLError(line: line, message: "key \(name) already has a value")
        }
    }

    /// Sets `keyPath` (dotted) inside the table at `tablePath`.
    static func setValue(_ table: inout TOMLTable, tablePath: ArraySlice<String>, keyPath: ArraySlice<String>,
                         node: TOMLNode, line: Int, inline: Bool = false) throws {
        guard let first = tablePath.first else {
            return try setKey(&table, keyPath: keyPath, node: node, line: line, inline: inline)
        }
        try descend(&table, key: first, line: line, name: first, creating: .implicit) { child in
            try setValue(&child, tablePath: tablePath.dropFirst(), keyPath: keyPath, node: node, line: line, inline: inline)
        }
    }

    private static func setKey(_ table: inout TOMLTable, keyPath: ArraySlice<String>, node: TOMLNode, line: Int, inline: Bool) throws {
        guard let key = keyPath.first else { return }
        if keyPath.count == 1 {
            return try setLast(&table, key: key, node: node, line: line)
        }
        try checkDotted(table, key: key, line: line, inline: inline)
        try descend(&table, key: key, line: line, name: key, creating: inline ? .inline : .dotted) { child in
            try setKey(&child, keyPath: keyPath.dropFirst(), node: node, line: line, inline: inline)
        }
    }

    private static func setLast(_ table: inout TOMLTable, key: String, node: TOMLNode, line: Int) throws {
        if table[key] != nil {
            throw TOMLError(line: line, message: "duplicate key \(key)")
        }
        table[key] = node
    }

    /// Dotted keys create tables that only more dotted keys may extend.
    private static func checkDotted(_ table: TOMLTable, key: String, line: Int, inline: Bool) throws {
        switch table[key]?.value {
        case nil:
            break
        case .table(let t)? where t.origin == .dotted || (inline && t.origin == .inline):
            break
        case .table?:
            throw TOMLError(line: line, message: "key \(key) names a table defined elsewhere; dotted keys cannot add to it")
        default:
            throw TOMLError(line: line, message: "key \(key) already has a value")
        }
    }

    /// Runs `body` on the table under `key` (the last element of an array of tables), creating
    /// it when absent. The table is moved out of its node while `body` runs, so `body` holds its
    /// only reference and changes it in place (through the subscript a nested table would be
    /// copied whole on every change, which made a file of a thousand `[[gate]]` tables
    /// quadratic), and put back after, also when `body` throws.
    private static func descend(_ table: inout TOMLTable, key: String, line: Int, name: String, creating origin: TOMLTable.Origin,
                                _ body: (inout TOMLTable) throws -> Void) throws {
        switch try shape(of: table, key, line: line, name: name, extending: origin) {
        case .absent:
            var child = TOMLTable(origin: origin)
            try body(&child)
            table.insertTable(child, key, line: line)
        case .table:
            var child = table.takeTable(key)
            defer { table.restoreTable(child, key) }
            try body(&child)
        case .arrayOfTables:
            var (elements, last) = table.takeLastTable(key)
            defer { table.restoreLastTable(last, of: &elements, key) }
            try body(&last)
        case .other:
            break
        }
    }

    /// What `descend` finds under `key`; a value that is no table, or an inline table that
    /// only more of its own keys may extend, is an error.
    private static func shape(of table: TOMLTable, _ key: String, line: Int, name: String, extending origin: TOMLTable.Origin) throws -> Shape {
        let found = shape(of: table[key])
        switch found {
        case .table:
            if table[key]?.value.tableValue?.origin == .inline && origin != .inline {
                throw TOMLError(line: line, message: "inline table \(name) cannot be extended")
            }
        case .other:
            throw TOMLError(line: line, message: "key \(name) already has a value that is not a table")
        case .absent, .arrayOfTables:
            break
        }
        return found
    }

    enum Shape { case absent, table, arrayOfTables, other }

    static func shape(of node: TOMLNode?) -> Shape {
        switch node?.value {
        case nil: return .absent
        case .table?: return .table
        case .array(let elements)?: return isArrayOfTables(elements) ? .arrayOfTables : .other
        default: return .other
        }
    }

    /// Arrays made by `[[header]]` (not static arrays, which cannot be appended to).
    private static func isArrayOfTables(_ elements: [TOMLNode]) -> Bool {
        guard let last = elements.last, case .table(let t) = last.value, case .header = t.origin else { return false }
        return true
    }
}
