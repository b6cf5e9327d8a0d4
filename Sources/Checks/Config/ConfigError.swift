import Support
import TOML
/// A configuration problem: names the file, the line when known, and the key.
public typealias ConfigError = SourceError

/// Typed access to one TOML table of a config file, refusing unknown keys.
struct ConfigTable {
    let table: TOMLTable
    /// The table's name in messages: `gate[0]`, `rollout`.
    let path: String
    let file: String
    let line: Int?

    func fail(_ key: String?, _ message: String, line: Int? = nil) -> ConfigError {
        ConfigError(file: file, line: line ?? self.line, message: key.map { "\(path.isEmpty ? "" : path + ".")\($0): \(message)" } ?? message)
    }

    func rejectUnknown(_ allowed: [String]) throws {
        for (key, node) in table.entries where !allowed.contains(key) {
            let name = path.isEmpty ? key : "\(path).\(key)"
            let at = node.span.line == 0 ? line : node.span.line
            // A config file is committed and printed in CI logs: a secret there is already a
            // leak, so say so (never echoing the value) rather than "unknown key".
            if SecretName.matches(key) {
                throw ConfigError(file: file, line: at, message: "\"\(name)\" looks like a secret: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove it from this file and revoke it if it was committed")
            }
            throw ConfigError(file: file, line: at, message: "unknown key \"\(name)\" (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws -> String? {
        guard let node = table[key] else { return nil }
        guard case .string(let s) = node.value else { throw fail(key, "expected a string, got \(node.value.typeDescription)", line: node.span.line) }
        return s
    }

    /// A URL-valued key; credentials written into it are refused like a secret key, unquoted.
    func url(_ key: String) throws -> String? {
        guard let url = try string(key) else { return nil }
        if URLCredentials.present(in: url) {
            throw fail(key, "the URL carries credentials: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove them from this file and revoke the token if it was committed",
                       line: table[key]?.span.line)
        }
        return url
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw fail(key, "missing (required)") }
        guard !s.isEmpty else { throw fail(key, "must not be empty", line: table[key]?.span.line) }
        return s
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = table[key] else { return nil }
        guard case .bool(let b) = node.value else { throw fail(key, "expected true or false, got \(node.value.typeDescription)", line: node.span.line) }
        return b
    }

    func integer(_ key: String) throws -> Int? {
        guard let node = table[key] else { return nil }
        guard case .integer(let n) = node.value else { throw fail(key, "expected an integer, got \(node.value.typeDescription)", line: node.span.line) }
        return n
    }

    func strings(_ key: String) throws -> [String]? {
        guard let node = table[key] else { return nil }
        guard case .array(let elements) = node.value else { throw fail(key, "expected an array of strings, got \(node.value.typeDescription)", line: node.span.line) }
        return try elements.enumerated().map { index, element in
            guard case .string(let s) = element.value else {
                throw fail("\(key)[\(index)]", "expected a string, got \(element.value.typeDescription)", line: element.span.line)
            }
            return s
        }
    }

    func table(_ key: String) throws -> ConfigTable? {
        guard let node = table[key] else { return nil }
        guard case .table(let t) = node.value else { throw fail(key, "expected a table, got \(node.value.typeDescription)", line: node.span.line) }
        return ConfigTable(table: t, path: path.isEmpty ? key : "\(path).\(key)", file: file, line: Self.line(of: t) ?? line)
    }

    /// `[[key]]` tables.
    func tables(_ key: String) throws -> [ConfigTable] {
        guard let node = table[key] else { return [] }
        guard case .array(let elements) = node.value else { throw fail(key, "expected [[\(key)]] tables, got \(node.value.typeDescription)", line: node.span.line) }
        return try elements.enumerated().map { index, element in
            guard case .table(let t) = element.value else {
                throw fail("\(key)[\(index)]", "expected a table, got \(element.value.typeDescription)", line: element.span.line)
            }
            return ConfigTable(table: t, path: "\(path.isEmpty ? "" : path + ".")\(key)[\(index)]", file: file, line: Self.line(of: t) ?? element.span.line)
        }
    }

    static func line(of table: TOMLTable) -> Int? {
        if case .header(let line) = table.origin { return line }
        return table.entries.first?.node.span.line
    }
}
