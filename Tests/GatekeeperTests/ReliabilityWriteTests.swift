import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage
import Support
@testable import Cargo

/// Issue 13, item 3: nothing is written outside the repository, nothing of the user's is
/// taken. End to end through the built CLI, against a target repository with the real cargo
/// and a loopback registry: a committed link that would send the bundle elsewhere, a user's
/// ignored files in the evidence folder, file modes, linked manifests and plans, a registry
/// whose config.json sends downloads to another scheme.
///
/// The suite sits inside `ReliabilityWriteTests` so that both `--filter ReliabilityWriteTests`
/// and `make reliability` (`--filter ReliabilityTests`) run it.
enum ReliabilityWriteTests {}

/// Every entry below a folder by lstat, never following a link: a file's mode and digest, a
/// link's target, a folder's mode. What "byte for byte, modes and links included" is measured on.
enum ExactTree {
    static func of(_ root: String, skipping: Set<String> = []) throws -> [String: String] {
        var entries: [String: String] = [:]
        func visit(_ relative: String) throws {
            let folder = relative.isEmpty ? root : root + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty, skipping.contains(name) { continue }
                var st = stat()
                guard lstat(root + "/" + path, &st) == 0 else { entries[path] = "vanished"; continue }
                let mode = String(st.st_mode & 0o7777, radix: 8)
                switch st.st_mode & S_IFMT {
                case S_IFLNK:
                    entries[path] = "link -> " + (AtomicFile.linkTarget(root + "/" + path) ?? "?")
                case S_IFDIR:
                    entries[path] = "folder \(mode)"
                    try visit(path)
                case S_IFREG:
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
                    entries[path] = "file \(mode) \(SHA256Hex.of(Array(bytes)))"
                default:
                    entries[path] = "other \(mode)"
                }
            }
        }
        try visit("")
        return entries
    }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }
}

extension RolloutWorld {
    /// The working tree without .git, by lstat (links as links, modes included).
    func exactTree() throws -> [String: String] { try ExactTree.of(target, skipping: [".git"]) }

    /// A folder beside the repository (not inside it), holding one file of someone else's.
    func outsideFolder(_ name: String) throws -> String {
        let path = dir.path(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("not the repository's: \(UUID().uuidString)\n".utf8).write(to: URL(fileURLWithPath: path + "/keep.txt"))
        return path
    }

    /// Ignores `patterns` through .git/info/exclude, so the tree stays clean.
    func exclude(_ patterns: [String]) throws {
        let exclude = target + "/.git/info/exclude"
        try FileManager.default.createDirectory(atPath: target + "/.git/info", withIntermediateDirectories: true)
        let existing = (try? String(contentsOfFile: exclude, encoding: .utf8)) ?? ""
        try (existing + patterns.map { $0 + "\n" }.joined()).write(toFile: exclude, atomically: true, encoding: .utf8)
    }

    /// Every path any commit of any branch holds.
    func everCommitted() throws -> Set<String> {
        Set(try git(["log", "--all", "--name-only", "--format="]).split(separator: "\n").map(String.init))
    }
}

/// What a refused rollout must leave: exit 2, one stderr line, refs, index, HEAD, the working
/// tree (links and modes included) and the folders outside exactly as they were.
struct RefusalCheck {
    let world: RolloutWorld
    let outside: [String]
    let before: String
    let tree: [String: String]
    let outsideBefore: [[String: String]]

    init(_ world: RolloutWorld, outside: [String] = []) throws {
        self.world = world
        self.outside = outside
        before = try world.snapshot()
        tree = try world.exactTree()
        outsideBefore = try outside.map { try ExactTree.of($0) }
    }

    /// Runs `args`, expects the one-line refusal `says`; returns whether everything is as it was.
    func refused(_ args: [String], says: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (refused: Bool, unchanged: Bool) {
        let r = try world.rollout(args)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r.stdout)", sourceLocation: sourceLocation)
        #expect(r.stderr == "gatekeeper: error: \(says)\n", sourceLocation: sourceLocation)
        let unchanged = try world.snapshot() == before && world.exactTree() == tree
            && outside.map { try ExactTree.of($0) } == outsideBefore
        #expect(unchanged, "refs, index, HEAD, the working tree and the folders outside are as they were", sourceLocation: sourceLocation)
        return (r.status == 2 && r.stderr == "gatekeeper: error: \(says)\n", unchanged)
    }
}

extension ReliabilityWriteTests {
    @Suite(.serialized) struct WriteReliabilityTests {
        static let writesOutside = "rollout: writes outside the repository"
        static let usersFiles = "rollout: files of the user's in the evidence folder"
        static let modes = "rollout: edited files keep their mode"

        /// A committed `data -> <folder outside>`: evidence_dir is "data/evidence/…", so the
        /// bundle (17 files) would land outside the repository. Refused before the branch, the
        /// dry run included; once the link is gone a plain rerun completes.
        @Test func aCommittedLinkOutOfTheRepositoryIsRefusedBeforeAnyChange() throws {
            let world = try RolloutWorld()
            let elsewhere = try world.outsideFolder("elsewhere")
            try FileManager.default.createSymbolicLink(atPath: world.target + "/data", withDestinationPath: elsewhere)
            try world.git(["add", "data"])
            try world.git(["commit", "-qm", "data lives elsewhere"])
            let check = try RefusalCheck(world, outside: [elsewhere])
            let says = "[rollout] evidence_dir: data is a symbolic link (to \(elsewhere)); the evidence bundle is written inside the repository, never through a link"
            let run = try check.refused(["--version", "0.1.2"], says: says)
            let dry = try check.refused(["--version", "0.1.2", "--dry-run"], says: says)
            #expect(try ExactTree.of(elsewhere).keys.sorted() == ["keep.txt"], "nothing written outside")

            // The user drops the link: the rollout goes through, inside the repository.
            try world.git(["rm", "-q", "data"])
            try world.git(["commit", "-qm", "data back in the repository"])
            let (completed, lost) = try world.finish([], mainBefore: world.mainSnapshot(), filesBefore: world.filesOnMain())
            let outsideSame = try ExactTree.of(elsewhere) == check.outsideBefore[0]
            #expect(outsideSame)
            ReliabilityLog.record(Self.writesOutside, "committed link data -> a folder outside: refused before any change (rollout and --dry-run), rerun without it completes",
                                  run.refused && dry.refused && completed ? "refused, nothing written outside" : "not refused",
                                  dataLost: !(run.unchanged && dry.unchanged && outsideSame) || lost, gateWronglyOpened: false)
        }

        /// A user's ignored draft PR.md and private-notes.txt in the evidence folder: neither
        /// overwritten nor listed in SHA256SUMS nor committed; the rollout refuses, naming them.
        @Test func ignoredFilesOfTheUsersInTheEvidenceFolderAreRefusedNotTaken() throws {
            let world = try RolloutWorld()
            let folder = world.target + "/" + RolloutWorld.evidence
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let draft = Data("# My own PR text\n\(UUID().uuidString)\n".utf8)
            let notes = Data("private: \(UUID().uuidString)\n".utf8)
            try draft.write(to: URL(fileURLWithPath: folder + "/PR.md"))
            try notes.write(to: URL(fileURLWithPath: folder + "/private-notes.txt"))
            try world.exclude(["PR.md", "private-notes.txt"])
            #expect(try world.git(["status", "--porcelain"]).isEmpty, "ignored: the tree is clean")
            let check = try RefusalCheck(world)
            let run = try check.refused(["--version", "0.1.2"], says: "[rollout] evidence_dir: \(RolloutWorld.evidence) already holds files this rollout did not write (PR.md, private-notes.txt); the bundle would overwrite or commit them: move them out, or set another evidence_dir")
            let kept = (try? Data(contentsOf: URL(fileURLWithPath: folder + "/PR.md"))) == draft
                && (try? Data(contentsOf: URL(fileURLWithPath: folder + "/private-notes.txt"))) == notes
            #expect(kept, "both files byte-identical")
            let committed = try world.everCommitted()
            #expect(!committed.contains("\(RolloutWorld.evidence)/private-notes.txt") && !committed.contains("\(RolloutWorld.evidence)/PR.md"))

            // Moved out, the rollout completes, and takes none of them.
            let aside = world.dir.path("aside")
            try FileManager.default.moveItem(atPath: folder, toPath: aside)
            let (completed, lost) = try world.finish([], mainBefore: world.mainSnapshot(), filesBefore: world.filesOnMain())
            let after = try world.everCommitted()
            #expect(!after.contains("\(RolloutWorld.evidence)/private-notes.txt"))
            let asideKept = (try? Data(contentsOf: URL(fileURLWithPath: aside + "/PR.md"))) == draft
                && (try? Data(contentsOf: URL(fileURLWithPath: aside + "/private-notes.txt"))) == notes
            ReliabilityLog.record(Self.usersFiles, "ignored PR.md and private-notes.txt already there: refused before any change, neither overwritten nor committed",
                                  run.refused && completed ? "refused, both untouched" : "taken",
                                  dataLost: !(run.unchanged && kept && asideKept) || lost, gateWronglyOpened: false)
        }

        /// A rollout stopped at QA; the user leaves private notes in the evidence folder; the
        /// resume refuses them (the rollout's own logs and bundle are fine), and completes once
        /// they are moved out, without them.
        @Test func aFileOfTheUsersLeftBeforeAResumeIsRefusedNotTaken() throws {
            let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gk-write-qa-once-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: marker) }
            let world = try RolloutWorld(qa: ["sh scripts/qa.sh", "if [ ! -e \(marker) ]; then touch \(marker); exit 3; fi"])
            let mainBefore = try world.mainSnapshot()
            let filesBefore = try world.filesOnMain()
            let first = try world.rollout(["--version", "0.1.2"])
            #expect(first.status == 1, "\(first.stdout)\(first.stderr)")

            let folder = world.target + "/" + RolloutWorld.evidence
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let notes = Data("private: \(UUID().uuidString)\n".utf8)
            try notes.write(to: URL(fileURLWithPath: folder + "/private-notes.txt"))
            try world.exclude(["private-notes.txt"])
            let check = try RefusalCheck(world)
            let resume = try check.refused(["--version", "0.1.2", "--resume"], says: "[rollout] evidence_dir: \(RolloutWorld.evidence) already holds a file this rollout did not write (private-notes.txt); the bundle would overwrite or commit it: move it out, or set another evidence_dir")

            let aside = world.dir.path("private-notes.txt")
            try FileManager.default.moveItem(atPath: folder + "/private-notes.txt", toPath: aside)
            let (completed, lost) = try world.finish(["--resume"], mainBefore: mainBefore, filesBefore: filesBefore)
            let kept = (try? Data(contentsOf: URL(fileURLWithPath: aside))) == notes
            #expect(!(try world.everCommitted()).contains("\(RolloutWorld.evidence)/private-notes.txt"))
            ReliabilityLog.record(Self.usersFiles, "private-notes.txt left there before --resume of a rollout stopped at QA: refused, then the resume completes without it",
                                  resume.refused && completed ? "refused, untouched" : "taken",
                                  dataLost: !(resume.unchanged && kept) || lost, gateWronglyOpened: false)
        }

        /// A read-only manifest stays 0444, an executable one 0755 (in the work tree and in the
        /// commit), a private plan 0600, after a completed rollout that edited all three.
        @Test func editedFilesKeepTheirModes() throws {
            let world = try RolloutWorld()
            let bindings = "bindings/alchemy_llm_py/Cargo.toml"
            chmod(world.target + "/" + bindings, 0o755)
            try world.git(["add", bindings])
            try world.git(["commit", "-qm", "the bindings manifest is executable"])
            chmod(world.target + "/Cargo.toml", 0o444)
            chmod(world.target + "/PLAN.md", 0o600)
            #expect(try world.git(["status", "--porcelain"]).isEmpty)
            let mainBefore = try world.mainSnapshot()
            let filesBefore = try world.filesOnMain()

            let r = try world.rollout(["--version", "0.1.2"])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            let modes = ["Cargo.toml", bindings, "PLAN.md"].map { ExactTree.mode(world.target + "/" + $0) }
            #expect(modes == [0o444, 0o755, 0o600], "\(modes.map { $0.map { String($0, radix: 8) } ?? "missing" })")
            let edited = try world.read("Cargo.toml").contains("\"0.1.2\"") && world.read(bindings).contains("\"0.1.2\"")
                && world.read("PLAN.md").contains("[x]")
            #expect(edited, "all three were edited")
            let committedMode = try world.git(["ls-tree", RolloutWorld.branch, bindings]).prefix(6)
            #expect(committedMode == "100755", "the commit keeps the executable bit")
            let (completed, lost) = try world.completedCorrectly(mainBefore: mainBefore, filesBefore: filesBefore)
            #expect(completed)
            let kept = modes == [0o444, 0o755, 0o600] && committedMode == "100755"
            ReliabilityLog.record(Self.modes, "0444 manifest, 0755 manifest, 0600 PLAN.md: modes kept after a completed rollout (and 100755 in the commit)",
                                  kept && completed && edited ? "modes kept" : "modes changed", dataLost: !kept || lost, gateWronglyOpened: false)
        }

        /// A manifest that is a link to a file outside the repository: refused before any
        /// change, naming it; the link and its target are untouched.
        @Test func aLinkedManifestIsRefusedAndTheLinkIsKept() throws {
            let world = try RolloutWorld()
            let bindings = "bindings/alchemy_llm_py/Cargo.toml"
            let elsewhere = try world.outsideFolder("shared")
            try FileManager.default.moveItem(atPath: world.target + "/" + bindings, toPath: elsewhere + "/Cargo.toml")
            try FileManager.default.createSymbolicLink(atPath: world.target + "/" + bindings, withDestinationPath: elsewhere + "/Cargo.toml")
            try world.git(["add", bindings])
            try world.git(["commit", "-qm", "the bindings manifest is shared"])
            let check = try RefusalCheck(world, outside: [elsewhere])
            let run = try check.refused(["--version", "0.1.2"], says: "manifest \(bindings) is a symbolic link (to \(elsewhere)/Cargo.toml); gatekeeper neither replaces a link with a file nor writes through one")
            let link = AtomicFile.linkTarget(world.target + "/" + bindings)
            #expect(link == elsewhere + "/Cargo.toml", "the link is intact")
            ReliabilityLog.record(Self.writesOutside, "manifest that is a link to a file outside: refused before any change, link and target intact",
                                  run.refused ? "refused, link kept" : "not refused", dataLost: !run.unchanged || link != elsewhere + "/Cargo.toml",
                                  gateWronglyOpened: false)
        }

        /// PLAN.md a link (to docs/PLAN.md, inside the repository): the rollout refuses before
        /// any change rather than replace the link with a regular file.
        @Test func aLinkedPlanIsRefusedByTheRolloutAndTheLinkIsKept() throws {
            let world = try RolloutWorld()
            try FileManager.default.createDirectory(atPath: world.target + "/docs", withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: world.target + "/PLAN.md", toPath: world.target + "/docs/PLAN.md")
            try FileManager.default.createSymbolicLink(atPath: world.target + "/PLAN.md", withDestinationPath: "docs/PLAN.md")
            try world.git(["add", "-A", "PLAN.md", "docs"])
            try world.git(["commit", "-qm", "the plan lives in docs/"])
            let check = try RefusalCheck(world)
            let run = try check.refused(["--version", "0.1.2"], says: "[rollout] plan PLAN.md is a symbolic link (to docs/PLAN.md); gatekeeper neither replaces a link with a file nor writes through one")
            let link = AtomicFile.linkTarget(world.target + "/PLAN.md")
            #expect(link == "docs/PLAN.md", "the link is intact")
            ReliabilityLog.record(Self.writesOutside, "PLAN.md that is a link (to docs/PLAN.md): refused before any change, link intact",
                                  run.refused ? "refused, link kept" : "not refused", dataLost: !run.unchanged || link != "docs/PLAN.md",
                                  gateWronglyOpened: false)
        }

        /// `check --update-plan` with PLAN.md a link to a file outside the repository: exit 2,
        /// one line naming it; the link and the file it points to are untouched.
        @Test func checkUpdatePlanRefusesALinkedPlan() throws {
            let world = try CheckWorld(.changelogConfirmsAll)
            let plan = world.scenario.target + "/PLAN.md"
            let elsewhere = world.dir.path("elsewhere")
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: plan, toPath: elsewhere + "/PLAN.md")
            try FileManager.default.createSymbolicLink(atPath: plan, withDestinationPath: elsewhere + "/PLAN.md")
            let outsideBefore = try ExactTree.of(elsewhere)
            let treeBefore = try ExactTree.of(world.scenario.target, skipping: [".git"])
            let r = try world.check(["--update-plan"])
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.isEmpty)
            let says = "gatekeeper: error: \(plan): cannot write: is a symbolic link (to \(elsewhere)/PLAN.md); gatekeeper neither replaces a link with a file nor writes through one\n"
            #expect(r.stderr == says)
            let unchanged = try ExactTree.of(elsewhere) == outsideBefore && ExactTree.of(world.scenario.target, skipping: [".git"]) == treeBefore
            #expect(unchanged, "the link, the repository and the file outside are as they were")
            ReliabilityLog.record("check: --update-plan writes", "PLAN.md a link to a file outside: exit 2, one line, link and target intact",
                                  r.status == 2 && r.stderr == says ? "refused, link kept" : "not refused", dataLost: !unchanged, gateWronglyOpened: false)
        }

        /// `check --update-plan` ticks a 0600 plan and leaves it 0600.
        @Test func checkUpdatePlanKeepsThePlansMode() throws {
            let world = try CheckWorld(.changelogConfirmsAll)
            let plan = world.scenario.target + "/PLAN.md"
            chmod(plan, 0o600)
            let before = try String(contentsOfFile: plan, encoding: .utf8)
            let r = try world.check(["--update-plan"])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            let ticked = try String(contentsOfFile: plan, encoding: .utf8) != before
            #expect(ticked, "the plan was ticked")
            let mode = ExactTree.mode(plan)
            #expect(mode == 0o600, "\(mode.map { String($0, radix: 8) } ?? "missing")")
            ReliabilityLog.record("check: --update-plan writes", "PLAN.md 0600: ticked, still 0600",
                                  ticked && mode == 0o600 ? "mode kept" : "mode changed", dataLost: mode != 0o600, gateWronglyOpened: false)
        }

        /// An http:// index whose config.json sends downloads to file://: exit 2, one line
        /// naming config.json and the URL; nothing downloaded, the gate never opened.
        @Test func aRegistryConfigSendingDownloadsToAFileIsRefused() throws {
            let world = try CheckWorld(.changelogConfirmsAll)
            let server = try #require(world.server)
            let dl = "file://\(world.scenario.registry)/crates/{crate}/{crate}-{version}.crate"
            try (JSONWriter.string(["dl": .string(dl), "api": nil], pretty: false) + "\n")
                .write(toFile: world.scenario.registry + "/index/config.json", atomically: true, encoding: .utf8)
            let r = try world.check()
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.isEmpty)
            let says = "gatekeeper: error: \(server.baseURL)/index/config.json: \"dl\" = \"\(dl)\" sends downloads over file:// from an http:// index; refused: packages download over http:// or https:// like the index\n"
            #expect(r.stderr == says)
            let packages = (try? FileManager.default.subpathsOfDirectory(atPath: world.cache + "/packages")) ?? []
            #expect(!packages.contains { $0.hasSuffix(".crate") }, "nothing downloaded: \(packages)")
            // Nothing was kept: a second run fetches config.json again and says the same.
            let again = try world.check()
            #expect(again.status == 2 && again.stderr == says, "\(again.stderr)")
            ReliabilityLog.record("check: registry config.json sends downloads to another scheme", "http:// index, dl = file://…: exit 2, one line, nothing read",
                                  r.status == 2 && r.stderr == says ? "clear error" : "followed", dataLost: false,
                                  gateWronglyOpened: r.status == 0 || again.status == 0)
        }
    }
}
