import Foundation
import Testing

@Suite struct WorkflowTests {
    static let files = ["gatekeeper-check.yml", "gatekeeper-rollout.yml", "gatekeeper-matrix.yml"]

    @Test func everyGatekeeperCommandLineExistsWithItsFlags() throws {
        var seen: Set<String> = []
        for file in Self.files {
            for invocation in try Workflow(file).scripts.flatMap(Invocations.find) {
                #expect(try HelpChecker.problems(invocation) == [], "\(file)")
                seen.insert(invocation.split(separator: " ").dropFirst().prefix(2).joined(separator: " "))
            }
        }
        // Not vacuous: the commands the workflows exist for were found and checked.
        #expect(seen.contains { $0.hasPrefix("check ") })
        #expect(seen.contains { $0.hasPrefix("rollout ") })
        #expect(seen.contains("evidence verify"))
    }

    @Test func theCheckerCatchesRenamedFlagsAndCommands() throws {
        let script = """
            gatekeeper check --cache-folder .cache || status=$?
            VERSION=1 gatekeeper rollout --version "$VERSION" ${PR:+--open-pull-request}
            gatekeeper evidence verfy data/evidence/x
            gatekeeper chek --format json
            """
        let found = Invocations.find(in: script)
        #expect(found.count == 4)
        let problems = try found.flatMap(HelpChecker.problems)
        #expect(problems.contains { $0.hasSuffix("has no --cache-folder") })
        #expect(problems.contains { $0.hasSuffix("has no --open-pull-request") })
        #expect(problems.contains { $0.contains("no command 'evidence verfy'") })
        #expect(problems.contains { $0.contains("no command 'chek'") })
        #expect(!problems.contains { $0.hasSuffix("has no --version") || $0.hasSuffix("has no --format") })
    }

    @Test func checkRunsOnAScheduleAndOnDemand() throws {
        let wf = try Workflow("gatekeeper-check.yml")
        let cron = (wf.on["schedule"] as? [[String: Any]])?.first?["cron"] as? String
        #expect(cron?.split(separator: " ").count == 5)
        #expect(wf.on["workflow_dispatch"] != nil)
    }

    @Test func checkExposesOpenAndVersionFromTheStepThatRunsCheck() throws {
        let wf = try Workflow("gatekeeper-check.yml")
        let outputs = try #require(wf.jobs["check"]?["outputs"] as? [String: String])
        #expect(Set(outputs.keys) == ["open", "version"])
        for (name, expression) in outputs {
            let match = try #require(expression.firstMatch(of: /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/))
            #expect(String(match.2) == name)
            let step = try #require(wf.steps("check").first { $0["id"] as? String == String(match.1) })
            // gatekeeper check is what writes open= and version= to $GITHUB_OUTPUT.
            #expect(Invocations.find(in: step["run"] as? String ?? "").contains { $0.hasPrefix("gatekeeper check ") })
        }
    }

    @Test(arguments: ["gatekeeper-check.yml", "gatekeeper-matrix.yml"])
    func theCacheFolderIsTheOneCheckUses(file: String) throws {
        let wf = try Workflow(file)
        let check = try #require(wf.scripts.flatMap(Invocations.find).first { $0.hasPrefix("gatekeeper check ") })
        let dir = try #require(check.firstMatch(of: /--cache-dir (\S+)/)).1
        let cache = try #require(wf.steps("check").first {
            ($0["uses"] as? String ?? "").hasPrefix("actions/cache@") && ($0["with"] as? [String: Any])?["path"] as? String == String(dir)
        })
        let with = cache["with"] as? [String: Any] ?? [:]
        #expect((with["key"] as? String ?? "").contains("github.run_id"), "a new cache each run")
        #expect(!(with["restore-keys"] as? String ?? "").isEmpty, "restores the newest earlier one")
    }

    /// The check step's script, run by bash as Actions runs it, with a fake gatekeeper that
    /// exits with the code under test: closed (1) must not fail the job, an error (2) must.
    @Test(arguments: [(Int32(0), Int32(0)), (1, 0), (2, 2)])
    func closedIsNotAFailureButAnErrorIs(gatekeeperExit: Int32, stepExit: Int32) throws {
        for file in ["gatekeeper-check.yml", "gatekeeper-matrix.yml"] {
            let step = try #require(try Workflow(file).steps("check").first { $0["id"] as? String == "gate" })
            let status = try runStep(step["run"] as? String ?? "", fakeExit: gatekeeperExit)
            #expect(status == stepExit, "\(file)")
        }
    }

    @Test func rolloutRunsOnDemandAndWhenTheCheckOpens() throws {
        let wf = try Workflow("gatekeeper-rollout.yml")
        for trigger in ["workflow_dispatch", "workflow_call"] {
            let input = ((wf.on[trigger] as? [String: Any])?["inputs"] as? [String: Any])?["version"] as? [String: Any]
            #expect(input?["required"] as? String == "true", "\(trigger)")
        }
        let caller = try #require(try Workflow("gatekeeper-check.yml").jobs["rollout"])
        let uses = try #require(caller["uses"] as? String)
        #expect(uses == "./.github/workflows/gatekeeper-rollout.yml")
        #expect(FileManager.default.fileExists(atPath: Workflow.folder.appendingPathComponent((uses as NSString).lastPathComponent).path))
        #expect((caller["if"] as? String ?? "").contains("needs.check.outputs.open == 'true'"))
        #expect((caller["with"] as? [String: String])?["version"] == "${{ needs.check.outputs.version }}")
        // A called workflow gets no more than its caller grants.
        #expect(caller["permissions"] as? [String: String] == ["contents": "write", "pull-requests": "write"])
    }

    @Test func rolloutOpensThePRWithTheRepositoryToken() throws {
        let wf = try Workflow("gatekeeper-rollout.yml")
        #expect(wf.root["permissions"] as? [String: String] == ["contents": "write", "pull-requests": "write"])
        let step = try #require(wf.steps("rollout").first {
            Invocations.find(in: $0["run"] as? String ?? "").contains { $0.hasPrefix("gatekeeper rollout ") }
        })
        #expect((step["run"] as? String ?? "").contains("--open-pr"))
        #expect((step["env"] as? [String: String])?["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}")
    }

    @Test func rolloutUploadsTheEvidenceEvenOnFailure() throws {
        let wf = try Workflow("gatekeeper-rollout.yml")
        let upload = try #require(wf.step("rollout", uses: "actions/upload-artifact@"))
        #expect(upload["if"] as? String == "always()")
        let path = (upload["with"] as? [String: Any])?["path"] as? String ?? ""
        #expect(path.hasPrefix("target/") && path.contains("data/evidence"), "the checkout's evidence folder")
    }

    @Test func theMatrixChecksEachRepository() throws {
        let wf = try Workflow("gatekeeper-matrix.yml")
        let strategy = try #require(wf.jobs["check"]?["strategy"] as? [String: Any])
        #expect(strategy["fail-fast"] as? String == "false")
        let repositories = (strategy["matrix"] as? [String: Any])?["repository"] as? [String] ?? []
        #expect(repositories.count >= 2)
        let checkout = try #require(wf.step("check", uses: "actions/checkout@"))
        #expect((checkout["with"] as? [String: Any])?["repository"] as? String == "${{ matrix.repository }}")
        #expect(wf.scripts.flatMap(Invocations.find).contains { $0.hasPrefix("gatekeeper check ") })
    }

    private func runStep(_ script: String, fakeExit: Int32) throws -> Int32 {
        let dir = try TempDir()
        try dir.write("bin/gatekeeper", "#!/bin/sh\necho open=false >> \"$GITHUB_OUTPUT\"\nexit \(fakeExit)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path("bin/gatekeeper"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--noprofile", "--norc", "-eo", "pipefail", "-c", script]  // Actions' `shell: bash`
        process.currentDirectoryURL = dir.url
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = dir.path("bin") + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["GITHUB_OUTPUT"] = dir.path("output")
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
