import Git
import Cargo
/// Looks for the fix commit's changes in the package's copies of the files it changed: the
/// fixed lines must be there and the lines they replaced must not be back.
struct FixPresence {
    let changes: GitCommitChanges
    /// The crate's folder in the repository ("" at the root), from `path_in_vcs`.
    let folder: String
    let package: CratePackage
    /// Whether the release commit's tree has this repository path (a file the package left out
    /// may still be there; one deleted since the fix is not).
    let releaseHas: (String) throws -> Bool

    func check() throws -> FixCheck {
        let fix = changes.commit.short
        let byPath = Dictionary(package.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        // Files whose bytes must be read: in the package, changed by the fix line by line, and
        // not already byte for byte what the fix made.
        var wanted = Set<String>()
        for change in changes.files where change.status != .deleted && !change.isBinary {
            if let inPackage = packagePath(change.path), let file = byPath[inPackage], file.blob != change.newID { wanted.insert(inPackage) }
        }
        let bytes = try package.contents(of: wanted)

        var files: [FixCheck.File] = []
        var failures: [String] = []
        var changedSince: [String] = []
        var compared = 0
        for change in changes.files {
            // Paths come from the upstream's history: shown, never printed raw.
            let path = EntryPath.display(Array(change.path.utf8))
            guard let inPackage = packagePath(change.path) else {
                files.append(.init(file: path, hunks: 0, present: 0, note: "outside the crate's folder \(folder)/"))
                continue
            }
            let file = byPath[inPackage]
            if change.status == .deleted {
                compared += 1
                if file != nil {
                    failures.append("the fix deleted \(path), and the package still has it")
                    files.append(.init(file: path, hunks: 1, present: 0, note: "deleted by the fix, back in the package"))
                } else {
                    files.append(.init(file: path, hunks: 1, present: 1, note: nil))
                }
                continue
            }
            guard let file else {
                if try releaseHas(change.path) {
                    files.append(.init(file: path, hunks: 0, present: 0, note: "left out of the package"))
                } else {
                    failures.append("\(path), which the fix changed, is gone from the release commit")
                    files.append(.init(file: path, hunks: 0, present: 0, note: "deleted since the fix"))
                }
                continue
            }
            compared += 1
            let units = FixChange.changes(in: change.hunks)
            if file.blob == change.newID {
                files.append(.init(file: path, hunks: max(units.count, 1), present: max(units.count, 1), note: nil))
                continue
            }
            if change.isBinary || units.isEmpty {
                if file.blob == change.oldID {
                    failures.append("the fix's change to \(path) is not in the package (it holds the file from before the fix)")
                    files.append(.init(file: path, hunks: 1, present: 0, note: "\(change.isBinary ? "binary, " : "")as before the fix"))
                } else {
                    changedSince.append(path)
                    files.append(.init(file: path, hunks: 1, present: 0, note: "\(change.isBinary ? "binary, " : "")changed since the fix"))
                }
                continue
            }
            guard let content = bytes[inPackage] else {
                failures.append("\(path) is too large to look for the fix in")
                files.append(.init(file: path, hunks: units.count, present: 0, note: "too large to compare"))
                continue
            }
            let lines = FileLines(content)
            var present = 0
            var undoneAt: [Int] = []
            var changedAt: [Int] = []
            for unit in units {
                switch unit.find(in: lines) {
                case .present: present += 1
                case .undone: undoneAt.append(unit.line)
                case .changedSince: changedAt.append(unit.line)
                }
            }
            var notes: [String] = []
            if !undoneAt.isEmpty {
                failures.append("the fix's change to \(path):\(undoneAt[0]) is not in the package (the lines it replaced are back)")
                notes.append("lines before the fix back at \(Self.lines(undoneAt))")
            }
            if !changedAt.isEmpty {
                changedSince.append("\(path):\(changedAt[0])")
                notes.append("changed since the fix at \(Self.lines(changedAt))")
            }
            files.append(.init(file: path, hunks: units.count, present: present, note: notes.isEmpty ? nil : notes.joined(separator: "; ")))
        }

        let merge = changes.parentCount > 1 ? " (the fix commit \(fix) is a merge: compared with its first parent)" : ""
        let total = files.reduce(0) { $0 + $1.hunks }, present = files.reduce(0) { $0 + $1.present }
        if let first = failures.first {
            return FixCheck(status: .fail, files: files, detail: first + merge)
        }
        guard compared > 0 else {
            return FixCheck(status: .unknown, files: files,
                            detail: "the fix \(fix) changed no file the package ships, so nothing shows the fix is in it\(merge)")
        }
        if !changedSince.isEmpty {
            return FixCheck(status: .changed, files: files,
                            detail: "\(present) of \(total) changes of the fix \(fix) in the package; changed since the fix (for a reviewer): \(changedSince.joined(separator: ", "))\(merge)")
        }
        return FixCheck(status: .pass, files: files, detail: "\(present) of \(total) changes of the fix \(fix) in the package\(merge)")
    }

    /// The package's path of a repository path; nil outside the crate's folder.
    private func packagePath(_ repositoryPath: String) -> String? {
        if folder.isEmpty { return repositoryPath }
        guard repositoryPath.hasPrefix(folder + "/") else { return nil }
        return String(repositoryPath.dropFirst(folder.count + 1))
    }

    /// ":120, :141" — at most five, then a count.
    static func lines(_ numbers: [Int]) -> String {
        let shown = numbers.prefix(5).map { ":\($0)" }.joined(separator: ", ")
        return numbers.count > 5 ? "\(shown) and \(numbers.count - 5) more" : shown
    }
}
