import Support
import TOML
import Cargo
/// Whether cargo's normalised `Cargo.toml` in a package says what the manifest as written
/// (`Cargo.toml.orig`, equal to the repository's) says: the same package, version and
/// dependencies. cargo rewrites the file (sorted tables, workspace values filled in, `path`
/// removed), so the two are compared by meaning, not bytes.
struct ManifestAgreement {
    let normalized: String
    let original: String
    /// The workspace root's manifest, for values the original inherits; nil when there is none.
    let workspace: () throws -> TOMLTable?

    private struct Dependency: Equatable {
        let crate: String
        let requirement: String?
    }

    /// What differs, each as the end of a sentence about `Cargo.toml`; empty when they agree.
    func problems() throws -> [String] {
        let normal: TOMLTable, orig: TOMLTable
        do { normal = try TOMLReader.parse(normalized) } catch { return ["is not valid TOML (\(error))"] }
        do { orig = try TOMLReader.parse(original) } catch { return ["cannot be compared: Cargo.toml.orig is not valid TOML (\(error))"] }
        var problems: [String] = []
        var root: TOMLTable?? = nil
        func workspaceRoot() throws -> TOMLTable? {
            if let root { return root }
            let found = try workspace()
            root = .some(found)
            return found
        }

        let normalPackage = normal["package"]?.value.tableValue, origPackage = orig["package"]?.value.tableValue
        let name = normalPackage?["name"]?.value.stringValue
        if name == nil || name != origPackage?["name"]?.value.stringValue {
            problems.append("names the package \(Self.shown(name)) where Cargo.toml.orig names \(Self.shown(origPackage?["name"]?.value.stringValue))")
        }
        let version = normalPackage?["version"]?.value.stringValue
        var origVersion = origPackage?["version"]?.value.stringValue
        if origVersion == nil, origPackage?["version"]?.value.tableValue?["workspace"]?.value == .bool(true) {
            origVersion = try workspaceRoot()?["workspace"]?.value.tableValue?["package"]?.value.tableValue?["version"]?.value.stringValue
        }
        if version == nil || version != origVersion {
            problems.append("gives version \(Self.shown(version)) where Cargo.toml.orig gives \(Self.shown(origVersion))")
        }

        let published = try Self.dependencies(normal, workspace: nil)
        let written = try Self.dependencies(orig, workspace: { try workspaceRoot() })
        for (key, dep) in published.sorted(by: { $0.key < $1.key }) {
            guard let source = written[key] else {
                problems.append("declares \(key) (\(Self.shown(dep.requirement))), which Cargo.toml.orig does not")
                continue
            }
            if source.crate != dep.crate {
                problems.append("takes \(key) from crate \(dep.crate) where Cargo.toml.orig takes it from \(source.crate)")
            } else if source.requirement != dep.requirement {
                problems.append("requires \(key) \(Self.shown(dep.requirement)) where Cargo.toml.orig requires \(Self.shown(source.requirement))")
            }
        }
        // cargo drops only declarations without a version (path-only development dependencies).
        for (key, source) in written.sorted(by: { $0.key < $1.key }) where published[key] == nil && source.requirement != nil {
            problems.append("leaves out \(key) (\(Self.shown(source.requirement))), which Cargo.toml.orig declares")
        }
        return problems
    }

    /// "table key" → crate and requirement, every table cargo reads dependencies from.
    private static func dependencies(_ manifest: TOMLTable, workspace: (() throws -> TOMLTable?)?) throws -> [String: Dependency] {
        let index: ManifestIndex
        do { index = try ManifestDependencies.index(manifest, file: "Cargo.toml") } catch { return [:] }
        var out: [String: Dependency] = [:]
        for (crate, results) in index.byCrate {
            for result in results {
                guard let declaration = try? result.get(), declaration.table != "workspace.dependencies" else { continue }
                var requirement = declaration.requirement?.text.trimmedSpaces
                if declaration.inheritsWorkspace, let workspace, let root = try workspace() {
                    let rootIndex = try? ManifestDependencies.index(root, file: "Cargo.toml")
                    let inherited = rootIndex?.byCrate.values.joined().compactMap { try? $0.get() }
                        .first { $0.table == "workspace.dependencies" && $0.key == declaration.key }
                    requirement = inherited?.requirement?.text.trimmedSpaces
                }
                let table = declaration.table.replacingOccurrences(of: "dev_dependencies", with: "dev-dependencies")
                    .replacingOccurrences(of: "build_dependencies", with: "build-dependencies")
                out["\(table).\(declaration.key)"] = Dependency(crate: crate, requirement: requirement)
            }
        }
        return out
    }

    private static func shown(_ value: String?) -> String {
        value.map { "\"\(EntryPath.display(Array($0.utf8.prefix(80))))\"" } ?? "nothing"
    }
}
