import Git
import Cargo
/// Whether a candidate package is what its label says: published from a clean commit of the
/// upstream (named by object id) that contains the fix, holding that commit's files, and
/// carrying the fix's changes in its own bytes.
struct ProvenanceCheck {
    let gate: GateConfig
    let package: CratePackage
    /// The upstream's mirror; nil when the gate has no `upstream`.
    let mirror: GitRepository?
    /// `fix_commit` resolved in the mirror; nil when the gate has none.
    let fix: Result<GitObjectID, FixCommit.Failure>?

    func run() throws -> ProvenanceResult {
        let vcsCommit = package.vcsInfo?.commit
        guard let mirror else {
            return ProvenanceResult(status: .notConfigured, commit: vcsCommit, detail: nil)
        }
        let sourcesOff = SourceCheck.notChecked("verify_sources = false: the package was not compared with its source")
        let noFix = FixCheck.notChecked("no fix_commit configured")
        // Only a gate that asks for proof can be failed by its absence.
        let asked = fix != nil || gate.verifySources

        guard let vcs = package.vcsInfo else {
            let why = "the package records no vcs commit (.cargo_vcs_info.json), so it cannot be traced to its source"
            return ProvenanceResult(
                status: asked ? .unknown : .notConfigured, commit: nil, detail: why,
                sources: gate.verifySources ? SourceCheck(status: .unknown, compared: 0, matched: 0, generated: [], mismatches: [], detail: why) : sourcesOff,
                fixInPackage: fix == nil ? noFix : FixCheck(status: .unknown, files: [], detail: why))
        }
        var problems: [String] = []
        var unproven: [String] = []
        if vcs.dirty, asked {
            problems.append("published from a tree with uncommitted changes (.cargo_vcs_info.json says \"dirty\": true)")
        }
        func stopped(_ why: String) -> ProvenanceResult {
            let reasons = problems + [why]
            return ProvenanceResult(status: asked ? .fail : .notConfigured, commit: vcs.commit, detail: reasons[0],
                                    sources: gate.verifySources ? .notChecked("not reached: \(why)") : sourcesOff,
                                    fixInPackage: fix == nil ? noFix : .notChecked("not reached: \(why)"), problems: asked ? reasons : [])
        }

        let head: GitObjectID
        do {
            head = try mirror.commitID(exactly: vcs.commit)
        } catch let error as GitError {
            let short = String(vcs.commit.prefix(7))
            return stopped(error.isNotFound ? "the package's commit \(short) is not in \(gate.upstream ?? "the upstream")"
                                            : "the package's commit \(short) cannot be used: \(error.message)")
        }
        let folder: String
        do {
            folder = try PathInVCS.folder(vcs.pathInVCS)
        } catch let refusal as PathInVCS.Refusal {
            return stopped(refusal.reason)
        }
        if !folder.isEmpty {
            guard case .folder? = try mirror.treeEntry(of: head, at: folder) else {
                return stopped("path_in_vcs \"\(folder)\" is not a folder of commit \(head.short)")
            }
        }

        var fixID: GitObjectID?
        var descent: String?
        switch fix {
        case nil: break
        case .failure(let failure)?: problems.append(failure.message)
        case .success(let id)?:
            fixID = id
            if try mirror.isSameOrDescendant(head, of: id) {
                descent = "\(head.short) \(head == id ? "is" : "descends from") the fix \(id.short)"
            } else {
                problems.append("\(package.version) was built from \(head.short), which does not contain the fix \(id.short)")
            }
        }

        let sources = gate.verifySources ? try SourceComparison(package: package, repository: mirror, commit: head, folder: folder).check() : sourcesOff
        if !sources.holds, let detail = sources.detail { problems.append(detail) }

        var fixInPackage = noFix
        if let fixID {
            let changes = try mirror.changes(of: fixID)
            fixInPackage = try FixPresence(changes: changes, folder: folder, package: package, releaseHas: { path in
                try mirror.treeEntry(of: head, at: path) != nil
            }).check()
            switch fixInPackage.status {
            case .fail: problems.append(fixInPackage.detail ?? "the fix is not in the package")
            case .unknown: unproven.append(fixInPackage.detail ?? "nothing shows the fix is in the package")
            default: break
            }
        } else if case .failure? = fix {
            fixInPackage = .notChecked("the fix commit could not be found")
        }

        let status: ProvenanceResult.Status
        if !problems.isEmpty { status = .fail } else if !unproven.isEmpty { status = .unknown } else { status = fix == nil ? .notConfigured : .pass }
        let all = problems + unproven
        let detail = all.first ?? descent ?? sources.detail
        return ProvenanceResult(status: status, commit: head.hex, detail: detail, sources: sources, fixInPackage: fixInPackage, problems: all)
    }
}
