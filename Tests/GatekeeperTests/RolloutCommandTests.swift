import Cargo
import Checks
import DemoWorld
import Foundation
import Runbook
import Testing
import TestSupport
import Usage
@testable import Git

/// A target repository shaped like the seed's project (two manifests, two lockfiles made by the
/// real cargo against a local registry, PLAN.md, QA and capture scripts), with a bare `origin`.
final class RolloutWorld {
    let dir: TempDir
    let scenario: UsageFixScenario
    let cargoHome: String
    let origin: String
    var target: String { scenario.target }

    init(_ variant: UsageFixScenario.Variant = .changelogConfirmsAll, qa: [String]? = nil) throws {
        dir = try TempDir()
        cargoHome = dir.path("cargo-home")
        scenario = try UsageFixScenario.make(at: dir.path("world"), variant: variant, cargoHome: cargoHome)
        origin = dir.path("origin.git")
        _ = try GitRepository.initialize(at: origin, bare: true)
        try git(["remote", "add", "origin", origin])
        if let qa {
            let config = target + "/gatekeeper.toml"
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let list = qa.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ", ")
            try text.replacingOccurrences(of: "qa           = [\"sh scripts/qa.sh\"]", with: "qa           = [\(list)]")
                .write(toFile: config, atomically: true, encoding: .utf8)
            try git(["commit", "-qam", "QA for the test"])
        }
    }

    var environment: [String: String] {
        // cargo may live in ~/.cargo/bin without being on this process's PATH.
        let cargoDir = CargoSetup.locateCargo().map { ($0 as NSString).deletingLastPathComponent } ?? "/usr/bin"
        let path = cargoDir + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return ["CARGO_HOME": cargoHome, "GATEKEEPER_AUTHOR": "Rollout Bot <bot@example.com>", "CARGO_NET_OFFLINE": "true", "PATH": path]
    }

    func rollout(_ args: [String], environment extra: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["rollout", "--repo", target, "--cache-dir", dir.path("cache")] + args,
                    environment: environment.merging(extra) { $1 })
    }

    /// The git CLI, to inspect what the rollout did (never to do the work under test).
    @discardableResult
    func git(_ args: [String], in repo: String? = nil) throws -> String {
        try TestProcess.run("git", ["-C", repo ?? target, "-c", "user.name=Test", "-c", "user.email=test@example.com"] + args)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: target + "/" + path, encoding: .utf8) }

    /// refs, index and every file's bytes: what "changes nothing" is measured against.
    func snapshot() throws -> String {
        try git(["for-each-ref"]) + "\n" + git(["ls-files", "-s"]) + "\n" + git(["status", "--porcelain", "--ignored"])
            + "\n" + git(["rev-parse", "HEAD"]) + "\n" + git(["symbolic-ref", "HEAD"])
    }

    static let evidence = "data/evidence/alchemy-llm-0.1.2"
    static let branch = "deps/alchemy-llm-0.1.2"
}

@Suite(.serialized) struct RolloutCommandTests {
    @Test func aSuccessfulRolloutLeavesAReviewableBranchAndLeavesMainAlone() throws {
        let world = try RolloutWorld()
        let mainBefore = try world.git(["rev-parse", "main"])
        let manifestsBefore = try UsageFixScenario.manifests.map { try world.read($0) }
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("rolled out on \(RolloutWorld.branch)"))

        #expect(try world.git(["rev-parse", "main"]) == mainBefore, "the starting branch is unchanged")
        #expect(try world.git(["rev-parse", "--abbrev-ref", "HEAD"]) == RolloutWorld.branch)
        #expect(try world.git(["rev-parse", "HEAD~1"]) == mainBefore)
        #expect(try world.git(["status", "--porcelain"]).isEmpty, "everything the rollout wrote is committed")
        let message = try world.git(["log", "-1", "--format=%s%n%an <%ae>"])
        #expect(message == "Bump alchemy-llm from 0.1.1 to 0.1.2\nRollout Bot <bot@example.com>")

        // Only the version bytes of the manifests changed.
        for (manifest, before) in zip(UsageFixScenario.manifests, manifestsBefore) {
            #expect(try world.read(manifest) == before.replacingOccurrences(of: "\"0.1.1\"", with: "\"0.1.2\""), "\(manifest)")
        }
        // Both lockfiles at 0.1.2 with the registry's checksum, as cargo wrote them.
        let sum = try #require(world.scenario.checksums["alchemy-llm@0.1.2"])
        for lock in ["Cargo.lock", "bindings/alchemy_llm_py/Cargo.lock"] {
            let locked = try CargoLock(text: try world.read(lock), file: lock).versions(of: "alchemy-llm")
            #expect(locked.map(\.version) == ["0.1.2"], "\(lock)")
            #expect(locked.first?.checksum == sum, "\(lock)")
        }
        let changed = try world.git(["show", "--name-only", "--format=", "HEAD"]).split(separator: "\n").map(String.init)
        for f in ["Cargo.toml", "Cargo.lock", "bindings/alchemy_llm_py/Cargo.toml", "bindings/alchemy_llm_py/Cargo.lock", "PLAN.md",
                  "\(RolloutWorld.evidence)/SHA256SUMS", "\(RolloutWorld.evidence)/PR.md", "\(RolloutWorld.evidence)/qa.json"] {
            #expect(changed.contains(f), "\(f) is in the commit")
        }

        let bundle = world.target + "/" + RolloutWorld.evidence
        let verify = try CLI.run(["evidence", "verify", bundle])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.hasPrefix("intact: "))
        // What the command prints is the report's one renderer: each problem with its reason.
        try "x".write(toFile: bundle + "/notes.txt", atomically: true, encoding: .utf8)
        let altered = try CLI.run(["evidence", "verify", bundle])
        #expect(altered.status == 1)
        #expect(altered.lines.first == "unexpected: notes.txt (in the folder but listed nowhere)", "\(altered.stdout)")
        #expect(altered.lines.last?.hasPrefix("not intact: 0 altered, 0 missing, 1 unexpected, 0 signature problems;") == true, "\(altered.stdout)")
        let json = try CLI.run(["evidence", "verify", "--format", "json", bundle])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"unexpected\": [\n    \"notes.txt\"\n  ]") && json.stdout.contains("\"reasons\""), "\(json.stdout)")
        try FileManager.default.removeItem(atPath: bundle + "/notes.txt")

        let plan = try world.read("PLAN.md")
        for ticked in ["- [x] Bump `alchemy-llm` from `0.1.1` to `0.1.2` (published version). <!-- step:bump -->",
                       "2. [x] Create branch for rollout. <!-- step:branch -->",
                       "4. [x] Run full QA suite. <!-- step:qa -->",
                       "- [x] Run the usage contract suite. <!-- step:contracts -->",
                       "- [x] Rust and Python usage semantics are aligned (provider-raw). <!-- accept:semantics-aligned -->",
                       "- [x] Test suite + lint + pre-commit pass. <!-- accept:suites-pass -->"] {
            #expect(plan.contains(ticked), "\(ticked)")
        }
        #expect(!plan.contains("NEW_VERSION"))
        #expect(plan.contains("6. [ ] Update docs/changelog."), "lines without markers stay")

        let again = try world.rollout(["--version", "0.1.2"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("nothing to do: \(RolloutWorld.branch) already holds this rollout"))
    }

    @Test func aDirtyTreeIsRefusedAndNothingChanges() throws {
        let world = try RolloutWorld()
        try "notes\n".write(toFile: world.target + "/notes.txt", atomically: true, encoding: .utf8)
        try (try world.read("Cargo.toml") + "# local edit\n").write(toFile: world.target + "/Cargo.toml", atomically: true, encoding: .utf8)
        let before = try world.snapshot()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: the working tree is not clean: Cargo.toml (modified), notes.txt (untracked); commit or stash first\n")
        #expect(try world.snapshot() == before)
    }

    @Test func aClosedGateIsRefusedAndNothingChanges() throws {
        let world = try RolloutWorld(.builtBeforeFix)
        let before = try world.snapshot()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("refused: the gate is closed, nothing was changed"))
        #expect(r.stdout.contains("closed: provenance: 0.1.2 was built from"))
        #expect(try world.snapshot() == before)
    }

    @Test func aFailingQACommandCommitsNothingOnMainAndKeepsTheEvidenceOnTheBranch() throws {
        let world = try RolloutWorld(qa: ["sh scripts/qa.sh", "echo boom; exit 3"])
        let mainBefore = try world.git(["rev-parse", "main"])
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at QA: echo boom; exit 3 exited 3"))
        #expect(try world.git(["rev-parse", "main"]) == mainBefore)
        #expect(try world.git(["symbolic-ref", "--short", "HEAD"]) == "main", "back on the starting branch")
        #expect(try world.git(["rev-parse", "\(RolloutWorld.branch)^"]) == mainBefore, "one work-in-progress commit on the rollout branch")
        #expect(try world.git(["log", "-1", "--format=%s", RolloutWorld.branch]).hasPrefix("WIP: "))
        let log = try world.git(["show", "\(RolloutWorld.branch):\(RolloutWorld.evidence)/qa/02-echo-boom-exit-3.log"])
        #expect(log == "boom")
        #expect(try world.git(["ls-tree", "--name-only", "\(RolloutWorld.branch):\(RolloutWorld.evidence)"]).contains("qa.json"), "the failure is recorded")
    }

    @Test func aRolloutKilledDuringQAResumesAndCompletes() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gk-killed-\(UUID().uuidString)").path
        // The first time, QA kills gatekeeper itself (its parent), as a crash or Ctrl-C would.
        let world = try RolloutWorld(qa: ["sh scripts/qa.sh", "if [ ! -e \(marker) ]; then touch \(marker); kill -9 $PPID; sleep 5; fi"])
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let first = try world.rollout(["--version", "0.1.2"])
        #expect(first.status == 9, "killed by SIGKILL")
        #expect(try world.git(["rev-parse", "--abbrev-ref", "HEAD"]) == RolloutWorld.branch)

        let plain = try world.rollout(["--version", "0.1.2"])
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("continue it with --resume"))

        let resumed = try world.rollout(["--version", "0.1.2", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(try world.git(["log", "-1", "--format=%s"]) == "Bump alchemy-llm from 0.1.1 to 0.1.2")
        #expect(try CLI.run(["evidence", "verify", world.target + "/" + RolloutWorld.evidence]).status == 0)
        #expect(try world.git(["status", "--porcelain"]).isEmpty)
    }

    @Test func anIgnoredLockfileIsRefreshedButNeitherDiffedNorCommitted() throws {
        // A library keeps its Cargo.lock out of git; the bindings' lockfile stays tracked.
        let world = try RolloutWorld()
        try "Cargo.lock\n".write(toFile: world.target + "/.gitignore", atomically: true, encoding: .utf8)
        try world.git(["rm", "-q", "--cached", "Cargo.lock"])
        try world.git(["add", ".gitignore"])
        try world.git(["commit", "-qm", "untrack the root lockfile"])
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let locked = try CargoLock(text: try world.read("Cargo.lock"), file: "Cargo.lock").versions(of: "alchemy-llm")
        #expect(locked.map(\.version) == ["0.1.2"], "refreshed on disk for QA")
        let changed = try world.git(["show", "--name-only", "--format=", "HEAD"]).split(separator: "\n").map(String.init)
        #expect(!changed.contains("Cargo.lock"))
        #expect(changed.contains("bindings/alchemy_llm_py/Cargo.lock"))
        let diff = try world.read("\(RolloutWorld.evidence)/manifests.diff")
        #expect(!diff.contains("--- a/Cargo.lock\n"), "\(diff)")
        #expect(diff.contains("--- a/bindings/alchemy_llm_py/Cargo.lock\n"))
        #expect(try world.git(["status", "--porcelain"]).isEmpty)
    }

    @Test func aDryRunPrintsEveryStepAndTheDiffAndChangesNothing() throws {
        let world = try RolloutWorld()
        let before = try world.snapshot()
        let r = try world.rollout(["--version", "0.1.2", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try world.snapshot() == before)
        #expect(r.stdout.contains("branch: create \(RolloutWorld.branch) from main"))
        #expect(r.stdout.contains("-alchemy-llm = \"0.1.1\""))
        #expect(r.stdout.contains("+alchemy-llm = \"0.1.2\""))
        #expect(r.stdout.contains("qa: sh scripts/qa.sh"))
    }

    @Test func aTamperedBundleFailsVerification() throws {
        let world = try RolloutWorld()
        #expect(try world.rollout(["--version", "0.1.2"]).status == 0)
        let qa = world.target + "/\(RolloutWorld.evidence)/qa.json"
        try (try String(contentsOfFile: qa, encoding: .utf8).replacingOccurrences(of: "\"exit_code\": 1", with: "\"exit_code\": 0") + " ")
            .write(toFile: qa, atomically: true, encoding: .utf8)
        let r = try CLI.run(["evidence", "verify", world.target + "/" + RolloutWorld.evidence])
        #expect(r.status == 1)
        #expect(r.lines.contains { $0.hasPrefix("altered: qa.json (") }, "\(r.stdout)")
    }

    @Test func aTokenInTheEnvironmentAppearsInNoEvidenceFile() throws {
        let token = "ghp_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24))
        let world = try RolloutWorld(qa: ["sh scripts/qa.sh", "echo using $GITHUB_TOKEN and $OPENROUTER_API_KEY"])
        let r = try world.rollout(["--version", "0.1.2"], environment: ["GITHUB_TOKEN": token, "OPENROUTER_API_KEY": "sk-or-v1-0123456789abcdef"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let folder = world.target + "/" + RolloutWorld.evidence
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder)
        #expect(files.count >= 10)
        for file in files {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(token), "\(file)")
            #expect(!text.contains("sk-or-v1-0123456789abcdef"), "\(file)")
        }
        #expect(try world.git(["log", "-1", "-p"]).contains(token) == false)
    }

    @Test func pushAndPullRequestReachTheRemoteAndTheAPI() throws {
        let world = try RolloutWorld()
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        api.requiredToken = "ghs_test_token_123"
        let config = world.target + "/gatekeeper.toml"
        try world.read("gatekeeper.toml")
            .replacingOccurrences(of: "[rollout.captures]", with: "github_api = \"\(api.baseURL)\"\ngithub_repository = \"team/tinyagent\"\n\n[rollout.captures]")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try world.git(["commit", "-qam", "point at the fake API"])
        let r = try world.rollout(["--version", "0.1.2", "--open-pr"], environment: ["GITHUB_TOKEN": "ghs_test_token_123"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("pull request #1 opened"))
        let head = try world.git(["rev-parse", "HEAD"])
        #expect(try world.git(["rev-parse", RolloutWorld.branch], in: world.origin) == head)
        let pr = try #require(api.pulls.first)
        #expect(api.pulls.count == 1)
        #expect(pr.head == RolloutWorld.branch)
        #expect(pr.base == "main")
        #expect(pr.title == "Bump alchemy-llm from 0.1.1 to 0.1.2")
        #expect(pr.body == (try world.read("\(RolloutWorld.evidence)/PR.md")))
        #expect(api.received.contains { $0.headers["authorization"] == "Bearer ghs_test_token_123" })

        let again = try world.rollout(["--version", "0.1.2", "--open-pr"], environment: ["GITHUB_TOKEN": "ghs_test_token_123"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("pull request #1 updated"))
        #expect(api.pulls.count == 1, "updated, not duplicated")
    }

    /// A failed rollout still tells the next step where its evidence is (for the artifact upload).
    @Test func aFailedRolloutWritesItsStatusAndBundleToTheStepOutputs() throws {
        let world = try RolloutWorld(qa: ["exit 3"])
        let output = world.dir.path("gh-output"), summary = world.dir.path("gh-summary")
        let r = try world.rollout(["--version", "0.1.2"], environment: ["GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        let target = URL(fileURLWithPath: world.target).standardizedFileURL.path
        #expect(lines == ["version=0.1.2", "status=failed", "bundle=\(target)/\(RolloutWorld.evidence)"])
        #expect(try String(contentsOfFile: summary, encoding: .utf8).hasPrefix("### gatekeeper: the rollout of 0.1.2 failed at QA"))
        // The control: with passing QA the same rollout completes and says so.
        let passing = try RolloutWorld()
        let done = passing.dir.path("gh-output")
        #expect(try passing.rollout(["--version", "0.1.2"], environment: ["GITHUB_OUTPUT": done]).status == 0)
        let completed = try String(contentsOfFile: done, encoding: .utf8)
        #expect(completed.hasPrefix("version=0.1.2\nstatus=completed\nbundle=\(URL(fileURLWithPath: passing.target).standardizedFileURL.path)/\(RolloutWorld.evidence)\nbranch=\(RolloutWorld.branch)\ncommit="), "\(completed)")
    }

    @Test func jobsRunQACommandsAtTheSameTime() throws {
        // Each command waits for the other's file: only run side by side can both finish in time.
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("gk-jobs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: tmp + ".a"); try? FileManager.default.removeItem(atPath: tmp + ".b") }
        let waitFor = { (mine: String, other: String) in
            "touch \(tmp).\(mine); i=0; while [ ! -e \(tmp).\(other) ]; do i=$((i+1)); [ $i -gt 40 ] && exit 7; sleep 0.1; done"
        }
        let world = try RolloutWorld(qa: [waitFor("a", "b"), waitFor("b", "a")])
        let sequential = try world.rollout(["--version", "0.1.2", "--jobs", "1"])
        #expect(sequential.status == 1, "one at a time, the first command waits in vain")
        try? FileManager.default.removeItem(atPath: tmp + ".a")
        try? FileManager.default.removeItem(atPath: tmp + ".b")
        let parallel = try world.rollout(["--version", "0.1.2", "--resume", "--jobs", "2"])
        #expect(parallel.status == 0, "\(parallel.stdout)\(parallel.stderr)")
        #expect(parallel.stdout.contains("QA                 ok"))
    }

    @Test func aDetachedHeadAnExistingBranchAndAMissingCargoAreRefusedBeforeAnyChange() throws {
        let world = try RolloutWorld()
        try world.git(["checkout", "-q", "--detach"])
        var before = try world.snapshot()
        let detached = try world.rollout(["--version", "0.1.2"])
        #expect(detached.status == 2)
        #expect(detached.stderr == "gatekeeper: error: HEAD is detached; check out the branch the rollout should start from\n")
        #expect(try world.snapshot() == before)

        try world.git(["checkout", "-q", "main"])
        try world.git(["branch", RolloutWorld.branch])
        before = try world.snapshot()
        let existing = try world.rollout(["--version", "0.1.2"])
        #expect(existing.status == 2)
        #expect(existing.stderr.contains("branch \(RolloutWorld.branch) already exists"))
        #expect(try world.snapshot() == before)

        try world.git(["branch", "-D", RolloutWorld.branch])
        before = try world.snapshot()
        let noCargo = try world.rollout(["--version", "0.1.2"], environment: ["PATH": "/nonexistent"])
        #expect(noCargo.status == 2)
        #expect(noCargo.stderr == "gatekeeper: error: cargo is not on PATH; install Rust's cargo or set [rollout] lockfile\n")
        #expect(try world.snapshot() == before)
    }

    @Test func aStoppedRolloutWhoseBranchWasDeletedIsNotResumedButStartsOver() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gk-qa-once-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let world = try RolloutWorld(qa: ["if [ ! -e \(marker) ]; then touch \(marker); exit 3; fi"])
        let failed = try world.rollout(["--version", "0.1.2"])
        #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
        // The user throws the attempt away: back to main, the branch deleted.
        try world.git(["checkout", "-q", "-f", "main"])
        try world.git(["clean", "-qfdx", "--exclude=.git"])
        try world.git(["branch", "-q", "-D", RolloutWorld.branch])
        let before = try world.snapshot()

        let resume = try world.rollout(["--version", "0.1.2", "--resume"])
        #expect(resume.status == 2)
        #expect(resume.stderr == "gatekeeper: error: branch \(RolloutWorld.branch) of the recorded rollout is gone; start over without --resume\n")
        #expect(try world.snapshot() == before, "nothing changed")

        let again = try world.rollout(["--version", "0.1.2"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(try world.git(["log", "-1", "--format=%s", RolloutWorld.branch]) == "Bump alchemy-llm from 0.1.1 to 0.1.2")
        #expect(try world.git(["rev-parse", "\(RolloutWorld.branch)^"]) == world.git(["rev-parse", "main"]))
    }

    @Test func requestsThatCannotBeTakenAreOneLineErrorsAndChangeNothing() throws {
        let world = try RolloutWorld()
        let before = try world.snapshot()
        let resume = try world.rollout(["--version", "0.1.2", "--resume"])
        #expect(resume.status == 2)
        #expect(resume.stderr == "gatekeeper: error: nothing to resume for alchemy-llm 0.1.2: no unfinished rollout is recorded\n")
        let noReason = try world.rollout(["--version", "0.1.2", "--skip-gate"])
        #expect(noReason.status == 2)
        #expect(noReason.stderr.contains("--skip-gate needs --reason TEXT"))
        let unknownGate = try world.rollout(["--version", "0.1.2", "--gate", "nope"])
        #expect(unknownGate.status == 2)
        #expect(unknownGate.stderr.hasPrefix("gatekeeper: error: no gate \"nope\" in "))
        #expect(unknownGate.stderr.hasSuffix("(gates: alchemy-llm)\n"))
        #expect(try world.snapshot() == before)
    }
}
