import TOML
import Checks
import Foundation
import Usage
import Support
import Cargo

/// A sparse registry on disk in cargo's formats, for tests, the demo and benchmarks: serve its
/// root over loopback HTTP or read it through `file://`.
public struct RegistryFixture {
    public struct Release: Sendable {
        public var name: String
        public var version: String
        /// Package files besides Cargo.toml (which is generated), e.g. "CHANGELOG.md",
        /// ".cargo_vcs_info.json", "src/lib.rs". A bare release (no ".cargo_vcs_info.json")
        /// gets an empty "src/lib.rs" when it has none, so cargo can build what it resolves; a
        /// release with vcs info is built from a commit (see `CargoPackageFiles`) and holds
        /// exactly its files.
        public var files: [String: String]
        public var yanked = false
        /// RFC 3339 publication time for the index line.
        public var pubtime: String? = nil
        /// Dependency name → version requirement, in the manifest and the index line.
        public var dependencies: [String: String] = [:]

        public init(name: String, version: String, files: [String: String] = [:], yanked: Bool = false,
                    pubtime: String? = nil, dependencies: [String: String] = [:]) {
            self.name = name
            self.version = version
            self.files = files
            self.yanked = yanked
            self.pubtime = pubtime
            self.dependencies = dependencies
        }
    }

    /// Writes a sparse registry under `root`:
    /// - `root/index/config.json`: `{"dl":"<downloadBase>/{crate}/{crate}-{version}.crate","api":null}`
    /// - `root/index/<IndexPath>`: one JSON line per release of the crate, in the order given
    /// - `root/crates/<name>/<name>-<version>.crate`
    /// Returns each package's SHA-256 by "<name>@<version>".
    public static func write(_ releases: [Release], to root: String, downloadBase: String) throws -> [String: String] {
        let base = downloadBase.hasSuffix("/") ? String(downloadBase.dropLast()) : downloadBase
        let config: JSONValue = ["dl": .string("\(base)/{crate}/{crate}-{version}.crate"), "api": nil]
        try AtomicFile.write(JSONWriter.string(config, pretty: false) + "\n", to: "\(root)/index/config.json")

        var checksums: [String: String] = [:]
        var indexFiles: [String: String] = [:]
        var indexOrder: [String] = []
        for release in releases {
            let indexPath = try IndexPath.of(release.name)
            _ = try SemVer(release.version)
            let bytes = try package(release)
            let checksum = SHA256Hex.of(bytes)
            checksums["\(release.name)@\(release.version)"] = checksum
            try AtomicFile.write(Data(bytes), to: "\(root)/crates/\(release.name)/\(release.name)-\(release.version).crate")
            if indexFiles[indexPath] == nil { indexOrder.append(indexPath) }
            indexFiles[indexPath, default: ""] += JSONWriter.string(indexLine(release, checksum: checksum), pretty: false) + "\n"
        }
        for path in indexOrder {
            try AtomicFile.write(indexFiles[path]!, to: "\(root)/index/\(path)")
        }
        return checksums
    }

    /// The release's `.crate`: its files, a generated Cargo.toml and, for a bare release
    /// without `.cargo_vcs_info.json` that has none, an empty `src/lib.rs`.
    public static func package(_ release: Release) throws -> [UInt8] {
        var files = release.files
        // cargo's normalised manifest keeps the original's repository (what `init` reads).
        let repository = try files["Cargo.toml.orig"].flatMap { orig in
            try TOMLReader.parse(orig, file: "\(release.name) \(release.version) Cargo.toml.orig")["package"]?.value.tableValue?["repository"]?.value.stringValue
        }
        files["Cargo.toml"] = CrateFixture.manifest(name: release.name, version: release.version, dependencies: release.dependencies,
                                                    repository: repository)
        if files["src/lib.rs"] == nil, files[".cargo_vcs_info.json"] == nil { files["src/lib.rs"] = "" }
        return try CrateFixture.make(name: release.name, version: release.version, files: files)
    }

    /// One index line with crates.io's field names and order.
    static func indexLine(_ release: Release, checksum: String) -> JSONValue {
        let deps: [JSONValue] = release.dependencies.keys.sorted().map { name in
            [
                "name": .string(name),
                "req": .string(indexRequirement(release.dependencies[name]!)),
                "features": [],
                "optional": false,
                "default_features": true,
                "target": nil,
                "kind": "normal",
            ]
        }
        var line = JSONObject([
            "name": .string(release.name),
            "vers": .string(release.version),
            "deps": .array(deps),
            "cksum": .string(checksum),
            "features": .object(JSONObject()),
            "yanked": .bool(release.yanked),
            "v": 2,
        ])
        if let pubtime = release.pubtime { line["pubtime"] = .string(pubtime) }
        return .object(line)
    }

    /// crates.io stores requirements as semver's `VersionReq` prints them: a bare "1.0" is "^1.0".
    static func indexRequirement(_ requirement: String) -> String {
        let trimmed = requirement.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isNumber else { return trimmed }
        return "^" + trimmed
    }
}
