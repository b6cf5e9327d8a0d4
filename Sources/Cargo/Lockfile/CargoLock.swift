import Support
import TOML

/// What a Cargo.lock records: its `[[package]]` entries, in file order. Version-1 lockfiles keep
/// checksums in `[metadata]` as "checksum NAME VERSION (SOURCE)"; those are read too.
public struct CargoLock: Sendable {
    public struct Package: Sendable, Equatable {
        public let name: String
        public let version: String
        public let checksum: String?
        public let line: Int
    }

    public let packages: [Package]

    /// Reads a lockfile; anything cargo would not have written (a `package` that is not an
    /// array of tables, an entry without a string name or version) is a `SourceError` naming
    /// the file and line.
    public init(text: String, file: String) throws {
        let document = try TOMLReader.parse(text, file: file)
        guard let packages = document["package"] else {
            self.packages = []
            return
        }
        let notTables = SourceError(file: file, line: packages.span.line, message: "package must be an array of tables ([[package]])")
        guard let entries = packages.value.arrayValue else { throw notTables }
        let metadata = document["metadata"]?.value.tableValue
        self.packages = try entries.map { entry in
            guard let table = entry.value.tableValue else { throw notTables }
            guard let name = table["name"]?.value.stringValue else {
                throw SourceError(file: file, line: entry.span.line, message: "[[package]] without a string name")
            }
            guard let version = table["version"]?.value.stringValue else {
                throw SourceError(file: file, line: entry.span.line, message: "[[package]] \(name) without a string version")
            }
            var checksum = table["checksum"]?.value.stringValue
            if checksum == nil, let source = table["source"]?.value.stringValue {
                checksum = metadata?["checksum \(name) \(version) (\(source))"]?.value.stringValue
            }
            return Package(name: name, version: version, checksum: checksum, line: entry.span.line)
        }
    }

    /// The entries for one package (a lockfile may hold several semver-incompatible versions).
    public func versions(of name: String) -> [Package] { packages.filter { $0.name == name } }

    /// Every entry as "name version", for telling what else cargo moved.
    public var nameVersions: Set<String> { Set(packages.map { "\($0.name) \($0.version)" }) }
}
