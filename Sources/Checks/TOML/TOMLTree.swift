/// Where headers and keys land in the table tree, with TOML's rules on defining a table once.
enum TOMLTree {
    static func defineHeader(_ table: inout TOMLTable, path: ArraySlice<String>, isArray: Bool, line: Int, span: TOMLSpan,
                             fullName: String? = nil) throws {
        let name = fullName ?? path.joined(separator: ".")
        guard let key = path.first else { return }
        if path.count == 1 {
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
            return
        }
        try descend(&table, key: key, line: line, name: name, creating: .implicit) { child in
            try defineHeader(&child, path: path.dropFirst(), isArray: isArray, line: line, span: span, fullName: name)
        }
    }

    /// Sets `keyPath` (dotted) inside the table at `tablePath`.
    static func setValue(_ table: inout TOMLTable, tablePath: ArraySlice<String>, keyPath: ArraySlice<String>,
                         node: TOMLNode, line: Int, inline: Bool = false) throws {
        if let first = tablePath.first {
            try descend(&table, key: first, line: line, name: first, creating: .implicit) { child in
                try setValue(&child, tablePath: tablePath.dropFirst(), keyPath: keyPath, node: node, line: line, inline: inline)
            }
            return
        }
        guard let key = keyPath.first else { return }
        if keyPath.count == 1 {
            if table[key] != nil {
                throw TOMLError(line: line, message: "duplicate key \(key)")
            }
            table[key] = node
            return
        }
        // Dotted keys create tables that only more dotted keys may extend.
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
        try descend(&table, key: key, line: line, name: key, creating: inline ? .inline : .dotted) { child in
            try setValue(&child, tablePath: [], keyPath: keyPath.dropFirst(), node: node, line: line, inline: inline)
        }
    }

    /// Runs `body` on the table under `key` (the last element of an array of tables), creating
    /// it when absent.
    private static func descend(_ table: inout TOMLTable, key: String, line: Int, name: String, creating origin: TOMLTable.Origin,
                                _ body: (inout TOMLTable) throws -> Void) throws {
        let span = TOMLSpan(start: 0, end: 0, line: line)
        // Classified first, so no reference to the node's contents is held while it changes.
        switch shape(of: table[key]) {
        case .absent:
            var child = TOMLTable(origin: origin)
            try body(&child)
            table[key] = TOMLNode(value: .table(child), span: span)
        case .table:
            try table.modify(key) { node in
                guard case .table(var child) = node.value else { return }
                if child.origin == .inline && origin != .inline { throw TOMLError(line: line, message: "inline table \(name) cannot be extended") }
                node.value = .bool(false)  // so `child` is the only reference and changes in place
                defer { node.value = .table(child) }
                try body(&child)
            }
        case .arrayOfTables:
            try table.modify(key) { node in
                guard case .array(var elements) = node.value, case .table(var last) = elements[elements.count - 1].value else { return }
                node.value = .bool(false)
                elements[elements.count - 1].value = .bool(false)
                defer {
                    elements[elements.count - 1].value = .table(last)
                    node.value = .array(elements)
                }
                try body(&last)
            }
        case .other:
            throw TOMLError(line: line, message: "key \(name) already has a value that is not a table")
        }
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
