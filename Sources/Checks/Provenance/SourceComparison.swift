import Git
import TOML
import Cargo
/// Compares every file of a package with the tree of the commit it names, by blob id: what
/// `cargo package` publishes from a clean checkout is that commit's files, plus the few files
/// cargo writes itself, each judged by its own rule.
struct SourceComparison {
    let package: CratePackage
    let repository: GitRepository
    let commit: GitObjectID
    /// The crate's folder in the repository ("" at the root).
    let folder: String

    /// Files cargo writes into every package.
    static let vcsInfo = ".cargo_vcs_info.json", normalized = "Cargo.toml", original = "Cargo.toml.orig", lockfile = "Cargo.lock"

    func check() throws -> SourceCheck {
        let tree = try repository.treeFiles(of: commit, under: folder)
        let submodules = tree.values.filter { $0.kind == .submodule }.map(\.path)
        let copied = try copiedFromOutside()
        var matched = 0
        var generated: [String] = []
        var mismatches: [SourceCheck.Mismatch] = []
        // Paths come from whoever published the package: shown, never printed raw.
        func mismatch(_ file: String, _ why: String) { mismatches.append(.init(file: EntryPath.display(Array(file.utf8)), why: why)) }

        for file in package.files {
            switch file.path {
            case Self.vcsInfo:
                generated.append(file.path)
            case Self.normalized:
                generated.append(file.path)
                for problem in try manifestProblems() { mismatch(file.path, problem) }
            case Self.original:
                guard let manifest = tree["Cargo.toml"] else {
                    mismatch(file.path, "the repository has no Cargo.toml\(where_) to compare it with")
                    continue
                }
                if try same(file, manifest, at: "Cargo.toml") { matched += 1 } else { mismatch(file.path, "differs from the repository's Cargo.toml") }
            case Self.lockfile where tree[Self.lockfile]?.id != file.blob:
                // cargo writes the lockfile of a package with binaries itself (or copies the workspace's).
                generated.append(file.path)
            default:
                if let entry = tree[file.path] {
                    if try same(file, entry, at: file.path) {
                        matched += 1
                    } else {
                        mismatch(file.path, try difference(file, entry))
                    }
                } else if let source = copied[file.path] {
                    // `readme`/`license-file` outside the crate's folder: cargo copies it in.
                    if try repositoryBlob(source) == file.blob { matched += 1 } else { mismatch(file.path, "differs from \(EntryPath.display(Array(source.utf8))), which the manifest names") }
                } else if let module = submodules.first(where: { file.path.hasPrefix($0 + "/") }) {
                    mismatch(file.path, "is inside \(EntryPath.display(Array(module.utf8))), which the repository records only as a submodule commit")
                } else {
                    mismatch(file.path, "not in the repository\(where_) at \(commit.short)")
                }
            }
        }
        if !package.files.contains(where: { $0.path == Self.original }) {
            mismatch(Self.original, "missing: cargo always packages the manifest as written")
        }
        let total = package.files.count
        let place = "commit \(commit.short)\(folder.isEmpty ? "" : " under \(folder)/")"
        guard mismatches.isEmpty else {
            let listed = mismatches.prefix(3).map { "\($0.file) (\($0.why))" }.joined(separator: "; ")
            let more = mismatches.count > 3 ? " and \(mismatches.count - 3) more" : ""
            return SourceCheck(status: .fail, compared: total, matched: matched, generated: generated, mismatches: mismatches,
                               detail: "the package is not its source, \(place): \(listed)\(more)")
        }
        return SourceCheck(status: .pass, compared: total, matched: matched, generated: generated, mismatches: [],
                           detail: "\(matched) files equal to \(place), \(generated.count) written by cargo")
    }

    private var where_: String { folder.isEmpty ? "" : " in \(folder)/" }

    /// True when the package's bytes are what git stores there; a symbolic link is followed
    /// inside the commit, as cargo follows it when packaging.
    private func same(_ file: PackageFile, _ entry: GitTreeFile, at path: String) throws -> Bool {
        switch entry.kind {
        case .file, .executable: return entry.id == file.blob
        case .submodule: return false
        case .symlink:
            if entry.id == file.blob { return true }
            return try followed(entry, at: PathInVCS.resolve(path, from: folder) ?? path).map { try repositoryBlob($0) == file.blob } ?? false
        }
    }

    private func difference(_ file: PackageFile, _ entry: GitTreeFile) throws -> String {
        switch entry.kind {
        case .file, .executable: return "differs from the repository"
        case .submodule: return "is a submodule in the repository, not a file"
        case .symlink:
            let target = try repository.blobBytes(entry.id, maxBytes: 4096)
            return "differs from what the repository's symbolic link to \(EntryPath.display(target)) holds"
        }
    }

    /// The repository path a symbolic link leads to, through at most 8 links; nil when it leaves
    /// the repository or leads nowhere.
    private func followed(_ link: GitTreeFile, at path: String) throws -> String? {
        var current = path, entry = link
        for _ in 0..<8 {
            let target = String(decoding: try repository.blobBytes(entry.id, maxBytes: 4096), as: UTF8.self)
            let parent = current.split(separator: "/").dropLast().joined(separator: "/")
            guard let next = PathInVCS.resolve(target, from: parent) else { return nil }
            guard case .file(let found)? = try repository.treeEntry(of: commit, at: next) else { return nil }
            if found.kind != .symlink { return next }
            current = next
            entry = found
        }
        return nil
    }

    /// The blob of a repository path that is a file (links followed); nil otherwise.
    private func repositoryBlob(_ path: String) throws -> GitObjectID? {
        guard case .file(let entry)? = try repository.treeEntry(of: commit, at: path) else { return nil }
        switch entry.kind {
        case .file, .executable: return entry.id
        case .submodule: return nil
        case .symlink: return try followed(entry, at: path).flatMap { try repositoryBlob($0) }
        }
    }

    /// Package file name → repository path, for the `readme` and `license-file` the written
    /// manifest points at outside the crate's folder (cargo puts them at the package root).
    private func copiedFromOutside() throws -> [String: String] {
        guard let text = originalText, let manifest = try? TOMLReader.parse(text),
              let package = manifest["package"]?.value.tableValue else { return [:] }
        var out: [String: String] = [:]
        for key in ["readme", "license-file"] {
            guard let value = package[key]?.value.stringValue, value.contains(".."),
                  let path = PathInVCS.resolve(value, from: folder), let name = path.split(separator: "/").last else { continue }
            out[String(name)] = path
        }
        return out
    }

    private var originalText: String? {
        package.originalManifest.flatMap { String(validating: $0, as: UTF8.self) }
    }

    private func manifestProblems() throws -> [String] {
        guard let original = originalText else { return [] }
        let agreement = ManifestAgreement(normalized: package.manifest, original: original, workspace: { try workspaceManifest() })
        return try agreement.problems()
    }

    /// The nearest manifest with a `[workspace]` table at or above the crate's folder, as cargo finds it.
    private func workspaceManifest() throws -> TOMLTable? {
        var parts = folder.split(separator: "/").map(String.init)
        while true {
            let path = (parts + ["Cargo.toml"]).joined(separator: "/")
            if case .file(let entry)? = try repository.treeEntry(of: commit, at: path), entry.kind == .file || entry.kind == .executable,
               let text = String(validating: try repository.blobBytes(entry.id, maxBytes: 4 << 20), as: UTF8.self),
               let manifest = try? TOMLReader.parse(text), manifest["workspace"] != nil {
                return manifest
            }
            guard !parts.isEmpty else { return nil }
            parts.removeLast()
        }
    }
}
