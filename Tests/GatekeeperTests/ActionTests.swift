import Foundation
import Testing
import TestSupport
import DemoWorld

/// action.yml driven the way a runner drives it (ActionRunner): its steps' scripts run for real,
/// with the runner's variables, against a loopback registry, local repositories and the fake
/// GitHub API. What is not real: `swift build` on a cache miss is a shim that checks its
/// arguments and copies the gatekeeper the tests run (a real release build takes minutes and
/// the package's .build is locked while the tests run); the cache service is a folder.
@Suite struct ActionTests {
    /// One workspace, the cache service it keeps between runs, and the swift shim's record.
    final class Job {
        let dir: TempDir
        let runner: ActionRunner
        let workspace: String
        var environment: [String: String]
        private var runs = 0

        init(workspace: String, environment: [String: String] = [:], swiftOnPath: Bool = true) throws {
            dir = try TempDir()
            self.workspace = workspace
            runner = try ActionRunner(actionFile: CLI.packageRoot.appendingPathComponent("action.yml"), cacheStore: dir.path("cache-service"))
            try FileManager.default.createDirectory(atPath: dir.path("shims"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: dir.path("home"), withIntermediateDirectories: true)
            let swift = dir.path("shims/swift")
            try """
                #!/bin/sh
                echo "$*" >> \(dir.path("swift-calls"))
                scratch=""; previous=""
                for a in "$@"; do [ "$previous" = --scratch-path ] && scratch="$a"; previous="$a"; done
                [ -n "$scratch" ] || { echo "swift shim: no --scratch-path" >&2; exit 64; }
                mkdir -p "$scratch/release" && cp \(CLI.binary.path) "$scratch/release/gatekeeper"
                """.write(toFile: swift, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift)
            // No test installs anything: apt-get is a shim that records its calls.
            let apt = dir.path("shims/apt-get")
            try "#!/bin/sh\necho \"$*\" >> \(dir.path("apt-calls"))\n".write(toFile: apt, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: apt)
            let path = (swiftOnPath ? dir.path("shims") + ":" : "") + (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            self.environment = environment.merging(["PATH": path, "HOME": dir.path("home"), "LANG": "C.UTF-8"]) { $1 }
        }

        /// A new job of a new workflow run: a fresh RUNNER_TEMP, the same cache service. With
        /// `laterInTheJob`, the action's next use in the job before it (same RUNNER_TEMP).
        func run(_ inputs: [String: String], token: String = "ghs_action_token", laterInTheJob: Bool = false, jobEnds: Bool = true) throws -> ActionRunner.Outcome {
            if !laterInTheJob { runs += 1 }
            return try runner.run(inputs: inputs, workspace: workspace, runnerTemp: dir.path("runner-temp-\(runs)"),
                                  environment: environment, token: token, runID: "\(1000 + runs)", jobEnds: jobEnds)
        }

        var aptCalls: String { (try? String(contentsOfFile: dir.path("apt-calls"), encoding: .utf8)) ?? "" }

        var swiftCalls: [String] {
            ((try? String(contentsOfFile: dir.path("swift-calls"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    @Test func checkBuildsOnceThenRestoresTheBinaryAndTheRegistryCache() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let server = try #require(world.server)
        let job = try Job(workspace: world.dir.path("world"))

        let first = try job.run(["command": "check", "working-directory": "target"])
        #expect(first.status == 0, "\(first.log)")
        #expect(first.outputs == ["open": "true", "version": "0.1.2", "latest": "0.1.2", "bundle": ""], "\(first.log)")
        #expect(first.summary.contains("| provider-raw input/output | ✅ pass | changelog (package) |"), "gatekeeper's job summary")
        #expect(first.ran.contains("Build gatekeeper"))
        #expect(job.swiftCalls == ["build -c release --static-swift-stdlib --product gatekeeper --package-path \(CLI.packageRoot.path) --scratch-path \(job.dir.path("runner-temp-1"))/gatekeeper-build"])
        let keys = job.runner.savedKeys
        #expect(keys.count == 2 && keys.contains { $0.hasPrefix("gatekeeper-build-") } && keys.contains { $0.hasPrefix("gatekeeper-cache-") }, "\(keys)")

        // The next run: the binary comes from the cache (no build), and so does the registry cache,
        // so the index is asked for conditionally.
        server.resetLog()
        let second = try job.run(["command": "check", "working-directory": "target"])
        #expect(second.status == 0, "\(second.log)")
        #expect(second.outputs["open"] == "true" && second.outputs["version"] == "0.1.2")
        #expect(second.steps["build-cache"]?["cache-hit"] == "true")
        #expect(!second.ran.contains("Build gatekeeper"))
        #expect(job.swiftCalls.count == 1, "built once")
        #expect(second.steps["check-cache"]?["cache-matched-key"]?.hasPrefix("gatekeeper-cache-") == true)
        let index = try #require(server.requests.first { $0.path == world.indexPath })
        #expect(index.headers["if-none-match"] != nil || index.headers["if-modified-since"] != nil, "the restored cache made the poll conditional")
        // The binary is on PATH for the job's later steps.
        #expect(FileManager.default.isExecutableFile(atPath: job.dir.path("runner-temp-2/gatekeeper-bin/gatekeeper")))
    }

    @Test func aSecondUseInTheSameJobDoesNotBuildAgain() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let job = try Job(workspace: world.dir.path("world"))
        let first = try job.run(["command": "check", "working-directory": "target"], jobEnds: false)
        #expect(first.status == 0 && job.runner.savedKeys.isEmpty, "\(first.log)")
        let second = try job.run(["command": "check", "working-directory": "target"], laterInTheJob: true, jobEnds: false)
        #expect(second.status == 0 && second.outputs["open"] == "true", "\(second.log)")
        #expect(second.ran.contains("Build gatekeeper"), "no cache entry yet: the step runs")
        #expect(job.swiftCalls.count == 1, "and finds the job's own build")
        // The control: a build of other sources (another key) in the same job builds.
        let stamp = job.dir.path("runner-temp-1/gatekeeper-bin/.build-key")
        try "gatekeeper-build-other".write(toFile: stamp, atomically: true, encoding: .utf8)
        _ = try job.run(["command": "check", "working-directory": "target"], laterInTheJob: true)
        #expect(job.swiftCalls.count == 2)
    }

    /// A cached binary needs no package, but a rollout still needs cargo: the job here has none.
    @Test func aRolloutOnACacheHitStillGetsCargo() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let job = try Job(workspace: world.dir.path("world"))
        #expect(try job.run(["command": "check", "working-directory": "target"]).status == 0)
        // The control: a check on a cache hit installs nothing.
        let check = try job.run(["command": "check", "working-directory": "target"])
        #expect(check.steps["build-cache"]?["cache-hit"] == "true")
        #expect(!check.log.contains("installing") && job.aptCalls.isEmpty, "\(check.log)")

        let rollout = try job.run(["command": "rollout", "working-directory": "target", "version": "0.1.2", "github-token": ""])
        #expect(rollout.steps["build-cache"]?["cache-hit"] == "true")
        #expect(rollout.log.contains("installing cargo\n"), "\(rollout.log)")
        #expect(job.aptCalls.contains("install -y --no-install-recommends cargo\n"), "\(job.aptCalls)")
        #expect(!job.aptCalls.contains("libgit2-dev"), "the libraries load: no -dev package")
    }

    @Test func aClosedGateIsAVerdictNotAFailure() throws {
        let world = try CheckWorld(.noNewRelease)
        let job = try Job(workspace: world.dir.path("world"))
        let r = try job.run(["command": "check", "working-directory": "target"])
        #expect(r.status == 0, "\(r.log)")
        #expect(r.outputs["open"] == "false" && r.outputs["version"] == "", "\(r.outputs)")
        #expect(r.log.contains("gate closed (a verdict, not a failure)"))
    }

    @Test func checkWithTheDashboardKeepsTheIssueWithTheActionsToken() throws {
        let world = try CheckWorld(.noNewRelease)
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        api.requiredToken = "ghs_action_dashboard"
        try DashboardTests.pointAtAPI(world.scenario.target, api)
        let job = try Job(workspace: world.dir.path("world"))
        let r = try job.run(["command": "check", "working-directory": "target", "args": "--dashboard"], token: "ghs_action_dashboard")
        #expect(r.status == 0, "closed passes the step: \(r.log)")
        #expect(r.outputs["open"] == "false")
        #expect(api.issues.count == 1 && api.issues[0].title == "gatekeeper: waiting for alchemy-llm", "\(r.log)")
        #expect(r.log.contains("dashboard: opened issue #1"))
        #expect(!r.log.contains("ghs_action_dashboard"))
    }

    @Test func anErrorFailsTheStepWithOneErrorLine() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let job = try Job(workspace: world.dir.path("world"))
        let missing = try job.run(["command": "check", "working-directory": "target", "config": "nowhere.toml"])
        #expect(missing.status == 2)
        #expect(missing.log.contains("::error::gatekeeper check failed (exit 2)"), "\(missing.log)")
        #expect(missing.outputs["open"] == "", "no verdict from an error")

        let unknown = try job.run(["command": "publish\n::add-mask::x", "working-directory": "target"])
        #expect(unknown.status == 2)
        #expect(unknown.log.contains("::error::gatekeeper action: command 'publish::add-mask::x' is not one of check, rollout, evidence-verify"), "\(unknown.log)")
        #expect(!unknown.log.split(separator: "\n").contains { $0.hasPrefix("::add-mask::") }, "an input cannot start a workflow command")

        let nowhere = try job.run(["command": "check", "working-directory": "no-such-folder"])
        #expect(nowhere.status == 2 && nowhere.log.contains("::error::gatekeeper action: working-directory 'no-such-folder' is not a folder"))
    }

    @Test func argsAreWordsNeverShell() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let job = try Job(workspace: world.dir.path("world"))
        // The control: quoted words reach gatekeeper as words.
        let json = try job.run(["command": "check", "working-directory": "target", "args": "--format 'json'"])
        #expect(json.status == 0, "\(json.log)")
        #expect(json.log.contains("{\n  \"open\": true,\n  \"gates\": ["), "\(json.log)")
        // The attack: nothing in args is run.
        let attack = try job.run(["command": "check", "working-directory": "target", "args": "--verbose \"$(touch pwned)\" ; touch pwned2 `touch pwned3`"])
        #expect(attack.status == 2, "gatekeeper refuses the stray words: \(attack.log)")
        for file in ["pwned", "pwned2", "pwned3"] {
            #expect(!FileManager.default.fileExists(atPath: world.dir.path("world/target/\(file)")))
            #expect(!FileManager.default.fileExists(atPath: world.dir.path("world/\(file)")))
        }
        let unmatched = try job.run(["command": "check", "working-directory": "target", "args": "--format 'json"])
        #expect(unmatched.status == 2 && unmatched.log.contains("::error::gatekeeper action: args: xargs: unmatched single quote"), "\(unmatched.log)")
    }

    @Test func withoutSwiftACacheMissSaysWhatTheJobNeeds() throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let job = try Job(workspace: world.dir.path("world"), swiftOnPath: false)
        let r = try job.run(["command": "check", "working-directory": "target"])
        #expect(r.status == 2)
        #expect(r.log.contains("::error::gatekeeper action: building gatekeeper needs Swift 6 on a cache miss: run the job in the swift:6.3-bookworm container"), "\(r.log)")
        #expect(!r.ran.contains("run"), "the command does not run without a binary")
        #expect(job.runner.savedKeys.isEmpty, "a failed job saves no cache")
    }

    /// The rollout world's cargo (CARGO_HOME, its folder on PATH) and, for a rustup cargo, the
    /// toolchains of this machine's real home (the job's HOME is a fresh folder).
    static func cargo(_ world: RolloutWorld) -> [String: String] {
        var environment = world.environment
        let cargoDir = CargoSetup.locateCargo().map { ($0 as NSString).deletingLastPathComponent } ?? "/usr/bin"
        environment["PATH"] = "\(cargoDir):/usr/local/bin:/usr/bin:/bin"
        let rustup = NSHomeDirectory() + "/.rustup"
        if FileManager.default.fileExists(atPath: rustup) { environment["RUSTUP_HOME"] = ProcessInfo.processInfo.environment["RUSTUP_HOME"] ?? rustup }
        return environment
    }

    @Test func rolloutOpensThePullRequestAndEvidenceVerifyChecksTheBundle() throws {
        let world = try RolloutWorld()
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        let token = "ghs_action_token_0123456789"
        api.requiredToken = token
        try world.read("gatekeeper.toml")
            .replacingOccurrences(of: "[rollout.captures]", with: "github_api = \"\(api.baseURL)\"\ngithub_repository = \"team/tinyagent\"\n\n[rollout.captures]")
            .write(toFile: world.target + "/gatekeeper.toml", atomically: true, encoding: .utf8)
        try world.git(["commit", "-qam", "point at the fake API"])
        let job = try Job(workspace: world.dir.path("world"), environment: Self.cargo(world))

        let rollout = try job.run(["command": "rollout", "working-directory": "target", "version": "0.1.2"], token: token)
        #expect(rollout.status == 0, "\(rollout.log)")
        let bundle = world.target + "/" + RolloutWorld.evidence
        #expect(rollout.outputs["bundle"] == bundle)
        #expect(rollout.outputs["version"] == "0.1.2")
        #expect(api.pulls.count == 1 && api.pulls.first?.head == RolloutWorld.branch)
        #expect(api.received.contains { $0.headers["authorization"] == "Bearer \(token)" })
        #expect(!rollout.log.contains(token) && !rollout.summary.contains(token), "the token is never printed")
        #expect(rollout.summary.contains("### gatekeeper: rolled out 0.1.2 on `deps/alchemy-llm-0.1.2`"), "\(rollout.summary)")

        let verified = try job.run(["command": "evidence-verify", "args": bundle])
        #expect(verified.status == 0, "\(verified.log)")
        #expect(verified.outputs["bundle"] == bundle)
        #expect(verified.steps["run"]?["intact"] == "true")

        // The attack: a file of the bundle changed after the rollout.
        let pr = bundle + "/PR.md"
        try (try String(contentsOfFile: pr, encoding: .utf8) + "\nAll criteria verified by hand.\n").write(toFile: pr, atomically: true, encoding: .utf8)
        let tampered = try job.run(["command": "evidence-verify", "args": bundle])
        #expect(tampered.status == 1, "\(tampered.log)")
        #expect(tampered.steps["run"]?["intact"] == "false")
        #expect(tampered.log.contains("::error::the evidence bundle does not verify (exit 1)"))

        let noBundle = try job.run(["command": "evidence-verify"])
        #expect(noBundle.status == 2 && noBundle.log.contains("needs the bundle folder in args"))
    }

    @Test func withoutATokenTheRolloutStaysLocal() throws {
        let world = try RolloutWorld()
        let job = try Job(workspace: world.dir.path("world"), environment: Self.cargo(world))
        let r = try job.run(["command": "rollout", "working-directory": "target", "version": "0.1.2", "github-token": ""])
        #expect(r.status == 0, "\(r.log)")
        #expect(try world.git(["for-each-ref", "refs/heads"], in: world.origin).isEmpty, "nothing pushed")
        // The control: the rollout did happen, locally.
        #expect(try world.git(["rev-parse", "--abbrev-ref", "HEAD"]) == RolloutWorld.branch)

        let noVersion = try job.run(["command": "rollout", "working-directory": "target"])
        #expect(noVersion.status == 2 && noVersion.log.contains("::error::gatekeeper action: command rollout needs the version input"))
    }
}
