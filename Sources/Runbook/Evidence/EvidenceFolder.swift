import Checks
import Foundation
import Support

/// Where a rollout may put its evidence bundle: a real folder of the repository (no symbolic
/// link on the way from the repository root down), holding nothing but files this rollout wrote.
/// Checked before a rollout changes anything; the bundle writer itself keeps every file it finds
/// in the folder, so a file of the user's left there would be overwritten or committed.
public enum EvidenceFolder {
    /// Written by the lockfile step beside the bundle (Rollout.refreshLockfiles).
    public static let lockfilesLog = "lockfiles.log"

    /// Why the bundle may not be written into `folder` (relative to `root`), or nil.
    /// - a component of the path, from the root down, that is a symbolic link (lstat each): a
    ///   committed `data -> /elsewhere` would send the bundle outside the repository;
    /// - a component that is not a folder;
    /// - a file already in the folder (ignored by git or not, hidden or not, a link or a device
    ///   as much as a plain file) that `own` does not name: the bundle would overwrite it, or list
    ///   it in SHA256SUMS and commit it. Empty folders hold nothing and are let be.
    public static func problem(root: String, folder: String, own: Set<String>) -> String? {
        let label = "[rollout] evidence_dir"
        if let link = AtomicFile.symbolicLink(in: folder, under: root) {
            return "\(label): \(PrintableText.line(link.path)) is a symbolic link (to \(link.target)); the evidence bundle is written inside the repository, never through a link"
        }
        let path = BundlePath.join(root, folder)
        var walked: [Substring] = []
        for component in folder.split(separator: "/") where component != "." {
            walked.append(component)
            switch BundleFiles.kind(BundlePath.join(root, walked.joined(separator: "/"))) {
            case .missing: return nil  // created by the rollout, empty
            case .directory: continue
            default: return "\(label): \(PrintableText.line(walked.joined(separator: "/"))) is not a folder"
            }
        }
        let entries: [(name: String, kind: BundleFiles.Kind)]
        do {
            entries = try BundleFiles.walk(path)
        } catch {
            return "\(label): \(error)"
        }
        let foreign = entries.map(\.name).filter { !own.contains($0) && !isTemporary($0, of: own) }
        guard !foreign.isEmpty else { return nil }
        let shown = foreign.prefix(5).map(PrintableText.line).joined(separator: ", ")
        let more = foreign.count > 5 ? " and \(foreign.count - 5) more" : ""
        return "\(label): \(PrintableText.line(folder)) already holds \(foreign.count == 1 ? "a file" : "files") this rollout did not write "
            + "(\(shown)\(more)); the bundle would overwrite or commit \(foreign.count == 1 ? "it" : "them"): move \(foreign.count == 1 ? "it" : "them") out, or set another evidence_dir"
    }

    /// Every file a rollout may write into its evidence folder, by bundle name: the bundle's
    /// own files, the lockfile log, each capture's log, copy and not-run record, each QA
    /// command's log (by its position and text, and as recorded).
    public static func rolloutFiles(captures: [String], qaCommands: [String], recordedQALogs: [String]) -> Set<String> {
        var names: Set<String> = [
            EvidenceLayout.gate, EvidenceLayout.manifestsDiff, EvidenceLayout.contracts, EvidenceLayout.contractsJUnit,
            EvidenceLayout.parityDiff, EvidenceLayout.paritySummary, EvidenceLayout.qa, EvidenceLayout.environment,
            EvidenceLayout.pullRequest, EvidenceLayout.sums, EvidenceLayout.statement, lockfilesLog,
            EvidenceLayout.verificationSummary, EvidenceLayout.testResults,
        ]
        names.formUnion(EvidenceLayout.signedStatements.map(EvidenceLayout.envelope(of:)))
        for name in captures {
            names.insert(EvidenceLayout.capture(name))
            names.insert(EvidenceLayout.captureNotRun(name))
            names.insert("\(EvidenceLayout.capturesFolder)/\(name).log")
        }
        for (index, command) in qaCommands.enumerated() {
            names.insert(EvidenceLayout.qaLog(index: index + 1, command: command))
        }
        names.formUnion(recordedQALogs)
        return names
    }

    /// `.NAME.XXXXXX` beside one of `own`: what AtomicFile leaves when the process is killed
    /// between writing the temporary file and renaming it.
    static func isTemporary(_ name: String, of own: Set<String>) -> Bool {
        let slash = name.lastIndex(of: "/")
        let folder = slash.map { String(name[...$0]) } ?? ""
        let base = slash.map { String(name[name.index(after: $0)...]) } ?? name
        guard base.hasPrefix("."), base.utf8.count > 8, base.dropLast(6).hasSuffix(".") else { return false }
        return own.contains(folder + String(base.dropFirst().dropLast(7)))
    }
}

extension Rollout {
    /// Refuses, before the rollout changes anything (a new rollout, or a resume), to write
    /// outside the repository or over a file of the user's: a manifest, lockfile or plan reached
    /// through a symbolic link (lstat of every component from the repository root down); an
    /// evidence folder reached through one; an evidence folder holding files this rollout did
    /// not write. `recorded` is the rollout being resumed, whose files are its own; nil for a
    /// new rollout, which finds the folder empty or absent.
    func checkWritesStayInside(recorded: RolloutState?) throws {
        var targets: [(label: String, file: String)] = gate.manifests.map { ("manifest", $0) }
        for plan in Lockfiles.plan(manifests: gate.manifests, repoRoot: root) where !gate.manifests.contains(plan.lockfile) {
            targets.append(("lockfile", plan.lockfile))
        }
        targets.append(("[rollout] plan", request.config.rollout.plan))
        for target in targets {
            guard let link = AtomicFile.symbolicLink(in: target.file, under: root) else { continue }
            let file = PrintableText.line(target.file)
            let through = link.path == target.file ? "\(file) is" : "\(file): \(PrintableText.line(link.path)) is"
            throw RolloutError("\(target.label) \(through) a symbolic link (to \(link.target)); gatekeeper neither replaces a link with a file nor writes through one")
        }
        var own: Set<String> = []
        if let recorded {
            let captures = request.config.rollout.captures.map(\.name) + request.captureOverrides.map(\.name) + recorded.captureOrder
            let logs = recorded.qa.map(\.logPath)
            own = EvidenceFolder.rolloutFiles(captures: captures, qaCommands: request.config.rollout.qa, recordedQALogs: logs)
        }
        if let problem = EvidenceFolder.problem(root: root, folder: evidenceDir, own: own) {
            throw RolloutError(problem)
        }
    }

    /// For the bundle writer, at every write: the evidence folder is still reached through no
    /// symbolic link (one made while the rollout ran, by a QA command say, is not followed).
    func checkEvidenceFolderPath() throws {
        if let link = AtomicFile.symbolicLink(in: evidenceDir, under: root) {
            throw RolloutError("[rollout] evidence_dir: \(PrintableText.line(link.path)) is a symbolic link (to \(link.target)); the evidence bundle is written inside the repository, never through a link")
        }
    }
}
