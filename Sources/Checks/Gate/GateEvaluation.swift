import Foundation
import Support
import Git
import Cargo

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
        let latest = selection.latest
        guard let candidate = selection.candidate else {
            var reason = "no candidate"
            if case .none(let why) = selection.outcome { reason = why }
            return GateReport(
                id: gate.id, dependency: gate.dependency, current: selection.current.description, candidate: nil,
                latest: latest?.version.description, latestIncompatible: selection.newerIncompatible != nil,
                reasons: [reason], criteria: try CriteriaEvaluator.evaluate(gate.criteria, evidence: []),
                provenance: ProvenanceResult(status: gate.fixCommit == nil ? .notConfigured : .unknown, commit: nil, detail: nil,
                                             sources: .notChecked("no candidate"), fixInPackage: .notChecked("no candidate")),
                pins: pins.pins, notes: notes, inputs: selection.indexFile.map { [$0] } ?? [])
        }
        guard let package = packages[PackageBatch.key(candidate)] else {
            throw Missing(description: "\(gate.dependency) \(candidate.version): package was not fetched")
        }
        if !candidate.version.isCaretCompatible(with: selection.current) {
            notes.append("\(candidate.version) is not compatible with \(selection.current) (a breaking release for cargo): review its changes beyond the criteria")
        }
        let pinnedPackage = selection.pinnedEntry.flatMap { packages[PackageBatch.key($0)] }
        let mirror = try gate.upstream.map { try upstreams.mirror($0) }
        let candidateCommit = package.vcsInfo?.commit
        let sectionsWanted = (after: selection.current, upTo: candidate.version)

        var evidence: [EvidenceUnit] = []
        var inputs = selection.indexFile.map { [$0] } ?? []
        evidence += try changelogEvidence(package: package, mirror: mirror, commit: candidateCommit, wanted: sectionsWanted,
                                          notes: &notes, inputs: &inputs)

        let fix = mirror.flatMap { m in gate.fixCommit.map { FixCommit.resolve($0, gate: gate, in: m) } }
        let fixID = try? fix?.get()
        var firstWithFix: String? = nil
        if let mirror {
            evidence += try upstreamEvidence(mirror: mirror, candidate: candidate, candidateCommit: candidateCommit,
                                             pinnedCommit: pinnedPackage?.vcsInfo?.commit, fix: fixID, notes: &notes)
        } else {
            notes.append("commits: no upstream configured")
        }
        if let upstream = gate.upstream, let mirror {
            // The commits the verdict names: the candidate's, the pinned release's (where the range
            // starts) and the fix.
            let named = [("candidate commit", candidateCommit.flatMap { try? mirror.commitID(exactly: $0) }),
                         ("pinned release commit", (pinnedPackage?.vcsInfo?.commit).flatMap { try? mirror.commitID(exactly: $0) }),
                         ("fix commit", fixID)]
            for case let (name, id?) in named {
                inputs.append(ResourceDescriptor(name: name, uri: "git+\(upstream)@\(id.hex)", digest: ["gitCommit": id.hex]))
            }
        }
        let provenance = try ProvenanceCheck(gate: gate, package: package, mirror: mirror, fix: fix).run()
        if let mirror, let fixID, provenance.status == .pass {
            firstWithFix = try self.firstWithFix(mirror: mirror, fix: fixID, candidate: candidate)
        }
        if let vcs = package.vcsInfo, vcs.dirty, !provenance.problems.contains(where: { $0.contains("uncommitted") }) {
            notes.append("package: published from a tree with uncommitted changes")
        }

        let criteria = try CriteriaEvaluator.evaluate(gate.criteria, evidence: evidence)
        var reasons: [String] = []
        for c in criteria where !c.passed {
            let near = c.rejected.isEmpty ? "" : " (\(c.rejected.count) near \(c.rejected.count == 1 ? "miss" : "misses") rejected)"
            reasons.append("\(c.id): no changelog entry or commit message confirms \"\(c.title)\"\(near)")
        }
        if !provenance.holds {
            reasons += provenance.problems.isEmpty ? ["provenance: \(provenance.detail ?? provenance.status.rawValue)"] : provenance.problems.map { "provenance: \($0)" }
        }
        return GateReport(id: gate.id, dependency: gate.dependency, current: selection.current.description,
                          candidate: candidate.version.description, latest: latest?.version.description,
                          latestIncompatible: selection.newerIncompatible != nil, firstWithFix: firstWithFix,
                          reasons: reasons, criteria: criteria, provenance: provenance, pins: pins.pins, notes: notes,
                          subject: selection.candidateResource, inputs: inputs)
    }

    /// The earliest live version above the pin whose vcs commit contains the fix, read only from
    /// packages already fetched: nil as soon as a version on the way was not fetched.
    private func firstWithFix(mirror: GitRepository, fix: GitObjectID, candidate: IndexEntry) throws -> String? {
        let between = selection.entries.filter {
            !$0.yanked && $0.version.precedence(selection.current) > 0 && $0.version.precedence(candidate.version) <= 0
        }.sorted { $0.version < $1.version }
        for entry in between {
            guard let commit = packages[PackageBatch.key(entry)]?.vcsInfo?.commit, let id = try? mirror.commitID(exactly: commit) else { return nil }
            if try mirror.isSameOrDescendant(id, of: fix) { return entry.version.description }
        }
        return nil
    }

    /// The changelog sections after the pin up to the candidate. Sources in order: the package,
    /// the upstream repository at the candidate's commit, at its default branch. The first source
    /// with the candidate's own section wins; when none has it (maintainers forget), the first
    /// with the most sections in the range counts, since every release in (pin, candidate] ships.
    private func changelogEvidence(package: CratePackage, mirror: GitRepository?, commit: String?,
                                   wanted: (after: SemVer, upTo: SemVer), notes: inout [String],
                                   inputs: inout [ResourceDescriptor]) throws -> [EvidenceUnit] {
        var tried: [String] = []
        var partial: (units: [EvidenceUnit], count: Int, note: String, read: ResourceDescriptor)? = nil
        func attempt(_ text: String, path: String, origin: String, uri: String) throws -> [EvidenceUnit]? {
            let read = ResourceDescriptor(name: "changelog \(path) (\(origin))", uri: uri, digest: ["sha256": SHA256Hex.of(Array(text.utf8))])
            let document = try Changelog.parse(text, file: "\(path) (\(origin))", crate: gate.dependency)
            let sections = document.sections(after: wanted.after, upTo: wanted.upTo)
            let units = EvidenceSources.changelog(document, after: wanted.after, upTo: wanted.upTo, path: path, origin: origin)
            let versions = sections.map(\.version.description).joined(separator: ", ")
            if sections.contains(where: { $0.version.precedence(wanted.upTo) == 0 }) {
                notes.append("changelog: \(path) from the \(origin), sections \(versions)")
                inputs.append(read)
                return units
            }
            tried.append("\(origin) \(path) has no \(wanted.upTo) section")
            if !sections.isEmpty, sections.count > (partial?.count ?? 0) {
                partial = (units, sections.count, "changelog: \(path) from the \(origin) has no \(wanted.upTo) section; sections \(versions) count", read)
            }
            return nil
        }
        if let changelog = package.changelog {
            let uri = (selection.candidateResource?.name ?? "pkg:cargo/\(gate.dependency)") + "#" + changelog.path
            if let units = try attempt(changelog.text, path: changelog.path, origin: "package", uri: uri) { return units }
        } else {
            tried.append("the package has no changelog")
        }
        if let mirror {
            var points: [(GitObjectID, String)] = []
            if let commit, let id = try? mirror.commitID(exactly: commit) { points.append((id, "upstream at \(id.short)")) }
            if let head = try? mirror.defaultBranchHead() { points.append((head, "upstream default branch")) }
            let prefix = package.vcsInfo?.pathInVCS.flatMap { $0.isEmpty ? nil : $0 + "/" } ?? ""
            for (id, origin) in points {
                var found = false
                for name in Self.changelogNames {
                    for path in Set([prefix + name, name]).sorted(by: { $0.count > $1.count }) {
                        guard let text = try mirror.fileText(at: id, path: path) else { continue }
                        found = true
                        if let units = try attempt(text, path: path, origin: origin, uri: "git+\(gate.upstream ?? "")@\(id.hex)#\(path)") { return units }
                    }
                    if found { break }
                }
                if !found { tried.append("\(origin) has no changelog") }
            }
        }
        if let partial {
            notes.append(partial.note)
            inputs.append(partial.read)
            return partial.units
        }
        notes.append("changelog: none for \(wanted.upTo) (\(tried.joined(separator: "; ")))")
        return []
    }

    /// Commit messages between the pinned release and the candidate.
    private func upstreamEvidence(mirror: GitRepository, candidate: IndexEntry, candidateCommit: String?, pinnedCommit: String?,
                                  fix: GitObjectID?, notes: inout [String]) throws -> [EvidenceUnit] {
        guard let candidateCommit else {
            notes.append("commits: the package records no vcs commit (.cargo_vcs_info.json)")
            return []
        }
        guard let head = try? mirror.commitID(exactly: candidateCommit) else {
            notes.append("commits: \(candidateCommit.prefix(7)) is not a commit in the upstream repository")
            return []
        }
        if let pinnedCommit, let base = try? mirror.commitID(exactly: pinnedCommit) {
            let commits = try mirror.releaseCommits(from: head, excluding: base)
            let range = "\(selection.current)..\(candidate.version)"
            notes.append("commits: \(commits.count) between \(base.short) (\(selection.current)) and \(head.short) (\(candidate.version))\(Self.standingNote(commits))")
            return EvidenceSources.commits(commits.map(Self.evidenceCommit), range: range)
        }
        guard let fixID = fix else {
            notes.append("commits: the pinned release records no vcs commit and no fix_commit is set")
            return []
        }
        // No vcs info for the pinned release: the candidate's history back to the fix commit.
        // Everything the fix's parents reach is older than the fix: the range is what is left.
        let parents = try mirror.commit(fixID).parents
        var commits = try mirror.releaseCommits(from: head, excluding: nil)
        if !parents.isEmpty {
            var older = Set<GitObjectID>()
            for p in parents { older.formUnion(try mirror.commits(from: p, excluding: nil).map(\.id)) }
            commits.removeAll { older.contains($0.commit.id) }
        }
        notes.append("commits: \(commits.count) from \(head.short) back to the fix \(fixID.short) (the pinned release records no vcs commit)\(Self.standingNote(commits))")
        return EvidenceSources.commits(commits.map(Self.evidenceCommit), range: "\(fixID.short)..\(candidate.version)")
    }

    static func evidenceCommit(_ c: RangeCommit) -> EvidenceSources.Commit {
        let setAside: Rejection?
        switch c.standing {
        case .live: setAside = nil
        case .revert: setAside = .revert
        case .reverted(let by): setAside = .reverted(by: by.short)
        case .discarded(let by): setAside = .discarded(by: by.short)
        }
        return EvidenceSources.Commit(id: c.commit.id.hex, message: c.commit.message, setAside: setAside)
    }

    /// ", 1 reverted, 2 discarded by a merge" — what of the range cannot count, for the notes.
    static func standingNote(_ commits: [RangeCommit]) -> String {
        var reverts = 0, reverted = 0, discarded = 0
        for c in commits {
            switch c.standing {
            case .live: break
            case .revert: reverts += 1
            case .reverted: reverted += 1
            case .discarded: discarded += 1
            }
        }
        var parts: [String] = []
        if reverted > 0 { parts.append("\(reverted) reverted later in the range") }
        if reverts > 0 { parts.append("\(reverts) \(reverts == 1 ? "revert" : "reverts")") }
        if discarded > 0 { parts.append("\(discarded) only reachable through a merge that discarded them") }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")): they prove nothing)"
    }
}
