import Foundation
import TOML
import Cargo

/// The version a gate's manifests pin, with every declaration found.
public struct PinnedVersion: Sendable, Equatable {
    public struct Pin: Sendable, Equatable, Codable {
        public let file: String
        public let declaration: DependencyDeclaration
    }

    public let pins: [Pin]
    /// The lowest pinned version: upgrading must move every manifest past it.
    public let version: SemVer

    /// True when the manifests name more than one requirement.
    public var disagree: Bool { Set(pins.compactMap { $0.declaration.requirement?.text }).count > 1 }

    public var disagreement: String {
        pins.compactMap { pin in pin.declaration.requirement.map { "\(pin.file): \"\($0.text)\"" } }.joined(separator: "; ")
    }

    /// Reads every manifest (relative to `repo`) and finds the dependency in each. `parsed`
    /// keeps documents between calls, since many gates usually share one manifest.
    public static func read(dependency: String, manifests: [String], repo: String) throws -> PinnedVersion {
        var parsed: [String: ManifestIndex] = [:]
        return try read(dependency: dependency, manifests: manifests, repo: repo, parsed: &parsed)
    }

    public static func read(dependency: String, manifests: [String], repo: String, parsed: inout [String: ManifestIndex]) throws -> PinnedVersion {
        var pins: [Pin] = []
        for manifest in manifests {
            let index = try parsed[manifest] ?? loadIndex(manifest, repo: repo)
            parsed[manifest] = index
            let found = try index.declarations(of: dependency)
            guard !found.isEmpty else {
                throw ManifestDependencies.ReadError(file: manifest, line: nil, message: "does not depend on \(dependency)")
            }
            pins += found.map { Pin(file: manifest, declaration: $0) }
        }
        guard let lowest = pins.compactMap({ $0.declaration.requirement?.pinned }).min() else {
            throw ManifestDependencies.ReadError(file: manifests.joined(separator: ", "), line: nil,
                message: "no version requirement for \(dependency) (only workspace, path or git declarations)")
        }
        return PinnedVersion(pins: pins, version: lowest)
    }

    /// Reads and indexes one manifest; errors name the file (and the line, for TOML errors).
    private static func loadIndex(_ manifest: String, repo: String) throws -> ManifestIndex {
        let path = manifest.hasPrefix("/") ? manifest : (repo as NSString).appendingPathComponent(manifest)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ManifestDependencies.ReadError(file: manifest, line: nil,
                message: FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file (listed in the gate's manifests)")
        }
        return try ManifestDependencies.index(try TOMLReader.parse(text, file: manifest), file: manifest)
    }
}
