import Support
import TOML
/// One place a Cargo manifest declares a dependency on a crate.
public struct DependencyDeclaration: Sendable, Equatable, Codable {
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

/// A manifest's declarations by crate name, in file order.
public struct ManifestIndex: Sendable {
    package var byCrate: [String: [Result<DependencyDeclaration, ManifestDependencies.ReadError>]] = [:]

    mutating func add(_ crate: String, _ result: Result<DependencyDeclaration, Error>) {
        byCrate[crate, default: []].append(result.mapError { error in
            error as? ManifestDependencies.ReadError ?? ManifestDependencies.ReadError(file: "", line: nil, message: "\(error)")
        })
    }

    public func declarations(of crate: String) throws -> [DependencyDeclaration] {
        try (byCrate[crate] ?? []).map { try $0.get() }
    }
}

/// Finds a crate's declarations in every table where cargo accepts dependencies.
public enum ManifestDependencies {
    static let kinds = ["dependencies", "dev-dependencies", "build-dependencies", "dev_dependencies", "build_dependencies"]

    public typealias ReadError = SourceError

    public static func find(_ crate: String, in manifest: TOMLTable, file: String) throws -> [DependencyDeclaration] {
        try index(manifest, file: file).declarations(of: crate)
    }

    /// Every declaration of every crate, by crate name, read in one pass: many gates share a
    /// manifest, and each asking for its crate would rescan every table.
    public static func index(_ manifest: TOMLTable, file: String) throws -> ManifestIndex {
        var index = ManifestIndex()
        for kind in kinds {
            if let table = manifest[kind] { try scan(table, name: kind, file: file, into: &index) }
        }
        if let targets = manifest["target"]?.value.tableValue {
            for (cfg, node) in targets.entries {
                guard let targetTable = node.value.tableValue else { continue }
                for kind in kinds {
                    if let table = targetTable[kind] { try scan(table, name: "target.'\(cfg)'.\(kind)", file: file, into: &index) }
                }
            }
        }
        if let workspace = manifest["workspace"]?.value.tableValue, let table = workspace["dependencies"] {
            try scan(table, name: "workspace.dependencies", file: file, into: &index)
        }
        return index
    }

    /// A bad declaration is an error only for whoever asks about that crate.
    private static func scan(_ node: TOMLNode, name: String, file: String, into index: inout ManifestIndex) throws {
        guard let table = node.value.tableValue else {
            throw ReadError(file: file, line: node.span.line, message: "[\(name)] must be a table, got \(node.value.typeDescription)")
        }
        for (key, dep) in table.entries {
            switch dep.value {
            case .string(let text):
                index.add(key, Result { DependencyDeclaration(table: name, key: key, requirement: try requirement(text, file: file, line: dep.span.line),
                                                             requirementSpan: dep.span, line: dep.span.line, inheritsWorkspace: false) })
            case .table(let detail):
                let package = detail["package"]?.value.stringValue ?? key
                let version = detail["version"]
                let line = version?.span.line ?? detail.entries.first?.node.span.line ?? dep.span.line
                index.add(package, Result {
                    if let version, version.value.stringValue == nil {
                        throw ReadError(file: file, line: version.span.line, message: "\(name).\(key).version must be a string, got \(version.value.typeDescription)")
                    }
                    return DependencyDeclaration(
                        table: name, key: key,
                        requirement: try version?.value.stringValue.map { try requirement($0, file: file, line: line) },
                        requirementSpan: version?.span, line: line,
                        inheritsWorkspace: detail["workspace"]?.value == .bool(true))
                })
            default:
                index.add(key, .failure(ReadError(file: file, line: dep.span.line, message: "\(name).\(key) must be a string or a table, got \(dep.value.typeDescription)")))
            }
        }
    }

    private static func requirement(_ text: String, file: String, line: Int) throws -> VersionRequirement {
        do {
            return try VersionRequirement(text)
        } catch {
            throw ReadError(file: file, line: line, message: "\(error)")
        }
    }
}
