/// One place a Cargo manifest declares a dependency on a crate.
public struct DependencyDeclaration: Sendable, Equatable {
    /// The table it sits in, as a reader would write it: `dependencies`,
    /// `target.'cfg(unix)'.dependencies`, `workspace.dependencies`.
    public let table: String
    /// The key it is declared under (differs from the crate name when renamed with `package`).
    public let key: String
    /// The requirement, or nil for a declaration without one (`workspace = true`, a bare path
    /// or git dependency).
    public let requirement: VersionRequirement?
    /// Where the requirement string sits (quotes included), for format-preserving edits.
    public let requirementSpan: TOMLSpan?
    public let line: Int
    /// `{ workspace = true }`: the version comes from `[workspace.dependencies]`.
    public let inheritsWorkspace: Bool
}

/// Finds a crate's declarations in every table where cargo accepts dependencies.
public enum ManifestDependencies {
    static let kinds = ["dependencies", "dev-dependencies", "build-dependencies", "dev_dependencies", "build_dependencies"]

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let message: String
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    public static func find(_ crate: String, in manifest: TOMLTable, file: String) throws -> [DependencyDeclaration] {
        var found: [DependencyDeclaration] = []
        for kind in kinds {
            if let table = manifest[kind] {
                found += try scan(table, name: kind, crate: crate, file: file)
            }
        }
        if let targets = manifest["target"]?.value.tableValue {
            for (cfg, node) in targets.entries {
                guard let targetTable = node.value.tableValue else { continue }
                for kind in kinds {
                    if let table = targetTable[kind] {
                        found += try scan(table, name: "target.'\(cfg)'.\(kind)", crate: crate, file: file)
                    }
                }
            }
        }
        if let workspace = manifest["workspace"]?.value.tableValue, let table = workspace["dependencies"] {
            found += try scan(table, name: "workspace.dependencies", crate: crate, file: file)
        }
        return found
    }

    private static func scan(_ node: TOMLNode, name: String, crate: String, file: String) throws -> [DependencyDeclaration] {
        guard let table = node.value.tableValue else {
            throw ReadError(file: file, line: node.span.line, message: "[\(name)] must be a table, got \(node.value.typeDescription)")
        }
        var found: [DependencyDeclaration] = []
        for (key, dep) in table.entries {
            switch dep.value {
            case .string(let text):
                guard key == crate else { continue }
                found.append(DependencyDeclaration(table: name, key: key, requirement: try requirement(text, file: file, line: dep.span.line),
                                                   requirementSpan: dep.span, line: dep.span.line, inheritsWorkspace: false))
            case .table(let detail):
                let package = detail["package"]?.value.stringValue ?? key
                guard package == crate else { continue }
                let version = detail["version"]
                if let version, version.value.stringValue == nil {
                    throw ReadError(file: file, line: version.span.line, message: "\(name).\(key).version must be a string, got \(version.value.typeDescription)")
                }
                let line = version?.span.line ?? detail.entries.first?.node.span.line ?? dep.span.line
                found.append(DependencyDeclaration(
                    table: name, key: key,
                    requirement: try version?.value.stringValue.map { try requirement($0, file: file, line: line) },
                    requirementSpan: version?.span, line: line,
                    inheritsWorkspace: detail["workspace"]?.value == .bool(true)))
            default:
                guard key == crate else { continue }
                throw ReadError(file: file, line: dep.span.line, message: "\(name).\(key) must be a string or a table, got \(dep.value.typeDescription)")
            }
        }
        return found
    }

    private static func requirement(_ text: String, file: String, line: Int) throws -> VersionRequirement {
        do {
            return try VersionRequirement(text)
        } catch {
            throw ReadError(file: file, line: line, message: "\(error)")
        }
    }
}
