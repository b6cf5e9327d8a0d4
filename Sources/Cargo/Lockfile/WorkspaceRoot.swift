import Foundation
import TOML

/// Where cargo keeps a manifest's lockfile: at its workspace root. Mirrors cargo's search:
/// `package.workspace` when set, else the nearest ancestor (up to the repository root) whose
/// Cargo.toml has `[workspace]` and does not exclude the member, else the manifest's own folder.
/// A parent's Cargo.lock without `[workspace]` belongs to another package, not to this one.
package enum WorkspaceRoot {
    /// The root folder, repository-relative.
    package static func of(manifest: String, in root: RepoPath) -> String {
        let relative = root.relative(manifest)
        let folder = RepoPath.folder(of: relative)
        if let own = read(relative, in: root) {
            if let pointer = own["package"]?.value.tableValue?["workspace"]?.value.stringValue {
                return RepoPath.normalize(root.join(folder, pointer))
            }
            if own["workspace"]?.value.tableValue != nil { return folder }
        }
        // Outside the repository only the manifest's own folder is considered.
        guard !relative.hasPrefix("/") else { return folder }
        var candidate = folder
        while !candidate.isEmpty {
            candidate = RepoPath.folder(of: candidate)
            guard let parent = read(root.join(candidate, "Cargo.toml"), in: root),
                  let workspace = parent["workspace"]?.value.tableValue else { continue }
            return excludes(workspace, member: folder, from: candidate) ? folder : candidate
        }
        return folder
    }

    private static func read(_ manifest: String, in root: RepoPath) -> TOMLTable? {
        guard root.isFile(manifest), let text = try? String(contentsOfFile: root.absolute(manifest), encoding: .utf8) else { return nil }
        // An unreadable ancestor is no workspace; cargo will name its error when it runs.
        return try? TOMLReader.parse(text)
    }

    private static func excludes(_ workspace: TOMLTable, member: String, from workspaceFolder: String) -> Bool {
        let prefix = workspaceFolder.isEmpty ? "" : workspaceFolder + "/"
        let inside = String(member.dropFirst(prefix.count))
        let excluded = workspace["exclude"]?.value.arrayValue?.compactMap { $0.value.stringValue } ?? []
        return excluded.contains { entry in
            let e = RepoPath.normalize(entry)
            return inside == e || inside.hasPrefix(e + "/")
        }
    }
}
