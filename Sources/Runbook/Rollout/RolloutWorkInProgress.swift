import Checks
import Foundation
import Git

/// A failed rollout leaves the user where they started: its partial work is committed on the
/// rollout branch (a work-in-progress commit the finished rollout replaces) and HEAD goes back
/// to the starting branch, so `git checkout main` never carries rollout edits; `--resume`
/// takes the commit back and goes on from the files it held.
extension Rollout {
    static let workInProgressTrailer = "Gatekeeper-Work-In-Progress: true"

    func setWorkAside(stoppedAt step: RolloutStep) {
        guard let current = try? repo.currentBranch(), current == branch else { return }
        do {
            let fm = FileManager.default
            try repo.stage(try rolloutFiles.filter { fm.fileExists(atPath: abs($0)) })
            if fm.fileExists(atPath: abs(evidenceDir)) { try repo.stage([evidenceDir], includingIgnored: true) }
            let author = try repo.signature(environment: request.environment, time: Int64(Date().timeIntervalSince1970))
            let id = try repo.commitIndex(message: """
                WIP: gatekeeper rollout of \(gate.dependency) \(state.to), stopped at \(step.title)

                Kept here so that \(state.baseBranch) holds none of it; `gatekeeper rollout --version \(state.to) --resume`
                takes this commit back and finishes the rollout, which replaces it.

                \(Self.workInProgressTrailer)
                """, author: author, allowEmpty: true)
            state.wipCommit = id.hex
            try state.save(statePath)
            try repo.checkoutBranch(state.baseBranch)
            observer.note("the work so far is kept on \(branch) (\(id.short)); back on \(state.baseBranch)")
        } catch {
            observer.note("the work so far stays on \(branch), checked out (\(error))")
        }
    }

    /// On resume, on the rollout branch: its work-in-progress commit is taken back (its changes
    /// stay in the index and the work tree), so the finished rollout commits on the base.
    func takeBackWorkInProgress() throws {
        guard let wip = state.wipCommit, let id = GitObjectID(hex: wip) else { return }
        let head = try repo.commit(repo.resolve("HEAD"))
        if head.id == id, head.message.contains(Self.workInProgressTrailer), let parent = head.parents.first {
            try repo.resetSoft(to: parent)
        }
        state.wipCommit = nil
        try state.save(statePath)
    }
}
