import Foundation
import TOML

/// The repository's Cargo manifests, read once, for `init` to find the dependency to gate.
public struct ManifestScan {
    /// Paths relative to the repository, shallowest first.
    public let manifests: [String]
    let indexes: [String: ManifestIndex]

    /// Build output, git internals and vendored crates are not the project's own manifests.
    static let skipped: Set<String> = ["target", ".git", "vendor"]

    public init(repo: String) throws {
        let root = URL(fileURLWithPath: repo).standardizedFileURL
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root.path : root.appendingPathComponent(relative).path
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : "\(relative)/\(name)"
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent(child).path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if !Self.skipped.contains(name) { pending.append(child) }
                } else if name == "Cargo.toml" {
                    found.append(child)
                }
            }
        }
        manifests = found.sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
        var indexes: [String: ManifestIndex] = [:]
        for manifest in manifests {
            let path = root.appendingPathComponent(manifest).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InitError("\(manifest): cannot read it as UTF-8 text")
            }
            indexes[manifest] = try ManifestDependencies.index(try TOMLReader.parse(text, file: manifest), file: manifest)
        }
        self.indexes = indexes
    }

    /// The manifests that declare `crate`, in scan order.
    public func declaring(_ crate: String) throws -> [String] {
        try manifests.filter { !(try indexes[$0]?.declarations(of: crate) ?? []).isEmpty }
    }

    /// The crate to gate: the one named, else the single crate the plan names in backticks
    /// that some manifest declares.
    public func dependency(named: String?, plan: String?, planName: String) throws -> String {
        if let named {
            guard try !declaring(named).isEmpty else {
                throw InitError("no Cargo manifest under the repository declares \(named) (read: \(manifests.joined(separator: ", ")))")
            }
            return named
        }
        var candidates: [String] = []
        for token in Self.backticked(plan ?? "") where !candidates.contains(token) && (try? IndexPath.validate(token)) != nil {
            if try !declaring(token).isEmpty { candidates.append(token) }
        }
        switch candidates.count {
        case 1: return candidates[0]
        case 0:
            let why = plan == nil ? "there is no \(planName) to name it" : "\(planName) names no crate (in backticks) that the manifests declare"
            throw InitError("cannot tell which dependency to gate: \(why); pass --dependency NAME")
        default:
            throw InitError("\(planName) names several crates the manifests declare (\(candidates.joined(separator: ", "))); pass --dependency NAME")
        }
    }

    /// Inline-code spans of a markdown text, one line at a time.
    public static func backticked(_ text: String) -> [String] {
        var tokens: [String] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "`", omittingEmptySubsequences: false)
            // Odd-numbered parts sit between a pair of backticks.
            for k in stride(from: 1, to: parts.count - 1, by: 2) { tokens.append(String(parts[k])) }
        }
        return tokens
    }
}

/// An `init` problem, in one line that names the file.
public struct InitError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
