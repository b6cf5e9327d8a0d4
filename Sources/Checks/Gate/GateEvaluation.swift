import Foundation

/// The evidence work for one gate once its candidate and packages are known.
struct GateEvaluation {
    let selection: GateSelection
    let pins: PinnedVersion
    let packages: [String: CratePackage]
    let upstreams: UpstreamMirrors

    static let changelogNames = ["CHANGELOG.md", "CHANGELOG", "CHANGELOG.markdown", "CHANGES.md", "HISTORY.md", "RELEASES.md", "NEWS.md"]

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    var gate: GateConfig { selection.gate }

    func report() throws -> GateReport {
        var notes: [String] = []
        if pins.disagree {
            notes.append("manifests disagree on \(gate.dependency) (\(pins.disagreement)); the lowest, \(pins.version), counts as the pin")
        }
        guard let candidate = selection.candidate else {
            var reason = "no candidate"
            if case .none(let why) = selection.outcome { reason = why }
            return GateReport(
                id: gate.id, dependency: gate.dependency, current: selection.current.description, candidate: nil,
                reasons: [reason], criteria: try CriteriaEvaluator.evaluate(gate.criteria, evidence: []),
                provenance: ProvenanceResult(status: gate.fixCommit == nil ? .notConfigured : .unknown, commit: nil, detail: nil),
                pins: pins.pins, notes: notes)
        }
        guard let package = packages[PackageBatch.key(candidate)] else {
            throw Missing(description: "\(gate.dependency) \(candidate.version): package was not fetched")
        }
        let pinnedPackage = selection.pinnedEntry.flatMap { packages[PackageBatch.key($0)] }
        let mirror = try gate.upstream.map { try upstreams.mirror($0) }
        let candidateCommit = package.vcsInfo?.commit
        let sectionsWanted = (after: selection.current, upTo: candidate.version)

        var evidence: [EvidenceUnit] = []
        evidence += try changelogEvidence(package: package, mirror: mirror, commit: candidateCommit, wanted: sectionsWanted, notes: &notes)

        var provenance = ProvenanceResult(status: .notConfigured, commit: candidateCommit, detail: nil)
        if let mirror {
            let (units, result) = try upstreamEvidence(mirror: mirror, candidate: candidate, candidateCommit: candidateCommit,
                                                       pinnedCommit: pinnedPackage?.vcsInfo?.commit, notes: &notes)
            evidence += units
            provenance = result
        } else {
            notes.append("commits: no upstream configured")
        }

        let criteria = try CriteriaEvaluator.evaluate(gate.criteria, evidence: evidence)
        var reasons: [String] = []
        for c in criteria where !c.passed {
            reasons.append("\(c.id): no changelog entry or commit message confirms \"\(c.title)\"")
        }
        if !provenance.holds { reasons.append("provenance: \(provenance.detail ?? provenance.status.rawValue)") }
        return GateReport(id: gate.id, dependency: gate.dependency, current: selection.current.description,
                          candidate: candidate.version.description, reasons: reasons, criteria: criteria,
                          provenance: provenance, pins: pins.pins, notes: notes)
    }

    /// The changelog sections after the pin up to the candidate: from the package, else the
    /// upstream repository at the candidate's commit, else at its default branch.
    private func changelogEvidence(package: CratePackage, mirror: GitRepository?, commit: String?,
                                   wanted: (after: SemVer, upTo: SemVer), notes: inout [String]) throws -> [EvidenceUnit] {
        var tried: [String] = []
        func attempt(_ text: String, path: String, origin: String) throws -> [EvidenceUnit]? {
            let sections = Changelog.sections(try Changelog.parse(text, file: "\(path) (\(origin))"), after: wanted.after, upTo: wanted.upTo)
            guard sections.contains(where: { $0.version.precedence(wanted.upTo) == 0 }) else {
                tried.append("\(origin) \(path) has no \(wanted.upTo) section")
                return nil
            }
            notes.append("changelog: \(path) from the \(origin), sections \(sections.map(\.version.description).joined(separator: ", "))")
            return EvidenceSources.changelog(sections, path: path, origin: origin)
        }
        if let changelog = package.changelog {
            if let units = try attempt(changelog.text, path: changelog.path, origin: "package") { return units }
        } else {
            tried.append("the package has no changelog")
        }
        if let mirror {
            var points: [(GitObjectID, String)] = []
            if let commit, let id = try? mirror.resolve(commit) { points.append((id, "upstream at \(id.short)")) }
            if let head = try? mirror.defaultBranchHead() { points.append((head, "upstream default branch")) }
            let prefix = package.vcsInfo?.pathInVCS.flatMap { $0.isEmpty ? nil : $0 + "/" } ?? ""
            for (id, origin) in points {
                var found = false
                for name in Self.changelogNames {
                    for path in Set([prefix + name, name]).sorted(by: { $0.count > $1.count }) {
                        guard let text = try mirror.fileText(at: id, path: path) else { continue }
                        found = true
                        if let units = try attempt(text, path: path, origin: origin) { return units }
                    }
                    if found { break }
                }
                if !found { tried.append("\(origin) has no changelog") }
            }
        }
        notes.append("changelog: none for \(wanted.upTo) (\(tried.joined(separator: "; ")))")
        return []
    }

    /// Commit messages between the pinned release and the candidate, and provenance.
    private func upstreamEvidence(mirror: GitRepository, candidate: IndexEntry, candidateCommit: String?, pinnedCommit: String?,
                                  notes: inout [String]) throws -> ([EvidenceUnit], ProvenanceResult) {
        guard let candidateCommit else {
            notes.append("commits: the package records no vcs commit (.cargo_vcs_info.json)")
            let status: ProvenanceResult.Status = gate.fixCommit == nil ? .notConfigured : .unknown
            return ([], ProvenanceResult(status: status, commit: nil, detail: "the package records no vcs commit, so it cannot be traced to the fix"))
        }
        guard let head = try? mirror.resolve(candidateCommit) else {
            notes.append("commits: \(candidateCommit.prefix(7)) is not in the upstream repository")
            let status: ProvenanceResult.Status = gate.fixCommit == nil ? .notConfigured : .fail
            return ([], ProvenanceResult(status: status, commit: candidateCommit,
                                         detail: "the package's commit \(candidateCommit.prefix(7)) is not in \(gate.upstream ?? "upstream")"))
        }
        // A fix commit missing from upstream is a verdict (provenance fails), not an error.
        let fix: GitObjectID? = gate.fixCommit.flatMap { try? mirror.resolve($0) }

        var units: [EvidenceUnit] = []
        if let pinnedCommit, let base = try? mirror.resolve(pinnedCommit) {
            let commits = try mirror.commits(from: head, excluding: base)
            let range = "\(selection.current)..\(candidate.version)"
            notes.append("commits: \(commits.count) between \(base.short) (\(selection.current)) and \(head.short) (\(candidate.version))")
            units = EvidenceSources.commits(commits.map { ($0.id.hex, $0.message) }, range: range)
        } else if let fixID = fix {
            // No vcs info for the pinned release: the candidate's history back to the fix commit.
            var commits: [GitCommit] = []
            for c in try mirror.commits(from: head, excluding: nil) {
                commits.append(c)
                if c.id == fixID { break }
            }
            notes.append("commits: \(commits.count) from \(head.short) back to the fix \(fixID.short) (the pinned release records no vcs commit)")
            units = EvidenceSources.commits(commits.map { ($0.id.hex, $0.message) }, range: "\(fixID.short)..\(candidate.version)")
        } else {
            notes.append("commits: the pinned release records no vcs commit and no fix_commit is set")
        }

        guard let fixText = gate.fixCommit else {
            return (units, ProvenanceResult(status: .notConfigured, commit: head.hex, detail: nil))
        }
        guard let fixID = fix else {
            return (units, ProvenanceResult(status: .fail, commit: head.hex, detail: "fix_commit \(fixText) is not in the upstream repository"))
        }
        let descends = try mirror.isSameOrDescendant(head, of: fixID)
        let detail = descends
            ? "\(head.short) \(head == fixID ? "is" : "descends from") the fix \(fixID.short)"
            : "\(candidate.version) was built from \(head.short), which does not contain the fix \(fixID.short)"
        return (units, ProvenanceResult(status: descends ? .pass : .fail, commit: head.hex, detail: detail))
    }
}
