import Foundation
import Testing

@Suite struct WorkflowTests {
    static let files = ["gatekeeper-check.yml", "gatekeeper-rollout.yml", "gatekeeper-matrix.yml"]
    static let action = CLI.packageRoot.appendingPathComponent("action.yml")
    /// The action's script, where every gatekeeper command line of the workflows now lives.
    static let actionScript = CLI.packageRoot.appendingPathComponent("scripts/action/run.sh")

    @Test func everyGatekeeperCommandLineExistsWithItsFlags() throws {
        var seen: Set<String> = []
        let script = try String(contentsOf: Self.actionScript, encoding: .utf8)
        let invocations = Invocations.find(in: script, binary: "\"$gk\"")
        for invocation in invocations {
            #expect(try HelpChecker.problems(invocation) == [], "\(invocation)")
            seen.insert(invocation.split(separator: " ").dropFirst().prefix(2).joined(separator: " "))
        }
        // Not vacuous: the commands the action exists for were found and checked.
        #expect(seen.contains { $0.hasPrefix("check ") })
        #expect(seen.contains { $0.hasPrefix("rollout ") })
        #expect(seen.contains("evidence verify"))
        // Flags the script passes through arrays.
        #expect(script.contains("pr=(--open-pr)") && script.contains("config=(--config "))
        #expect(try HelpChecker.problems("gatekeeper rollout --open-pr --config x") == [])
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

    /// Each workflow runs gatekeeper through the action, one `uses:` line with inputs the action
    /// declares, and builds and caches nothing itself.
    @Test(arguments: Self.files)
    func workflowsUseTheActionInsteadOfBuildSteps(file: String) throws {
        let wf = try Workflow(file)
        let inputs = Set((try Workflow(file: Self.action).root["inputs"] as? [String: Any] ?? [:]).keys)
        var uses = 0
        for job in wf.jobs.keys {
            for step in wf.steps(job) where (step["uses"] as? String ?? "").hasSuffix("/gatekeeper@v1") {
                uses += 1
                let with = step["with"] as? [String: String] ?? [:]
                #expect(Set(with.keys).isSubset(of: inputs), "\(file): \(with.keys.sorted())")
                #expect(["check", "rollout", "evidence-verify"].contains(with["command"] ?? "check"), "\(file)")
            }
            #expect(wf.step(job, uses: "actions/cache@") == nil, "\(file): the action keeps the caches")
        }
        #expect(!wf.scripts.contains { $0.contains("swift build") || $0.contains("apt-get") || $0.contains("gatekeeper ") }, "\(file)")
        #expect(uses >= 1, "\(file)")
    }

    @Test func checkRunsOnAScheduleAndOnDemand() throws {
        let wf = try Workflow("gatekeeper-check.yml")
        let cron = (wf.on["schedule"] as? [[String: Any]])?.first?["cron"] as? String
        #expect(cron?.split(separator: " ").count == 5)
        #expect(wf.on["workflow_dispatch"] != nil)
        let step = try #require(wf.steps("check").first { ($0["uses"] as? String ?? "").hasSuffix("/gatekeeper@v1") })
        #expect((step["with"] as? [String: String])?["version"] == "${{ inputs.version }}")
        // The waiting dashboard, with the one permission it needs.
        #expect((step["with"] as? [String: String])?["args"] == "--dashboard")
        #expect(wf.root["permissions"] as? [String: String] == ["contents": "read", "issues": "write"])
    }

    @Test func checkExposesOpenAndVersionFromTheActionsOutputs() throws {
        let wf = try Workflow("gatekeeper-check.yml")
        let declared = Set((try Workflow(file: Self.action).root["outputs"] as? [String: Any] ?? [:]).keys)
        let outputs = try #require(wf.jobs["check"]?["outputs"] as? [String: String])
        #expect(Set(outputs.keys) == ["open", "version"])
        for (name, expression) in outputs {
            let match = try #require(expression.firstMatch(of: /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/))
            #expect(String(match.2) == name && declared.contains(name))
            let step = try #require(wf.steps("check").first { $0["id"] as? String == String(match.1) })
            #expect((step["uses"] as? String ?? "").hasSuffix("/gatekeeper@v1"))
            #expect(((step["with"] as? [String: String])?["command"] ?? "check") == "check")
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
        #expect(caller["permissions"] as? [String: String] == ["contents": "write", "pull-requests": "write", "issues": "write"])
    }

    @Test func rolloutOpensThePRWithTheRepositoryTokenAndVerifiesTheBundle() throws {
        let wf = try Workflow("gatekeeper-rollout.yml")
        #expect(wf.root["permissions"] as? [String: String] == ["contents": "write", "pull-requests": "write", "issues": "write"])
        let steps = wf.steps("rollout")
        let rollout = try #require(steps.firstIndex { $0["id"] as? String == "rollout" })
        let with = steps[rollout]["with"] as? [String: String] ?? [:]
        #expect(with["command"] == "rollout" && with["version"] == "${{ inputs.version }}" && with["args"] == "--dashboard")
        // The action's github-token defaults to the repository's token: that opens the PR.
        let inputs = try Workflow(file: Self.action).root["inputs"] as? [String: Any]
        #expect((inputs?["github-token"] as? [String: Any])?["default"] as? String == "${{ github.token }}")
        #expect(with["github-token"] == nil)
        let verify = try #require(steps.firstIndex { ($0["with"] as? [String: String])?["command"] == "evidence-verify" })
        #expect((steps[verify]["with"] as? [String: String])?["args"] == "${{ steps.rollout.outputs.bundle }}")
        #expect(rollout < verify)
    }

    @Test func rolloutUploadsTheEvidenceEvenOnFailure() throws {
        let wf = try Workflow("gatekeeper-rollout.yml")
        let upload = try #require(wf.step("rollout", uses: "actions/upload-artifact@"))
        #expect((upload["if"] as? String ?? "").hasPrefix("always()"))
        #expect((upload["with"] as? [String: Any])?["path"] as? String == "${{ steps.rollout.outputs.bundle }}")
    }

    @Test func theMatrixChecksEachRepository() throws {
        let wf = try Workflow("gatekeeper-matrix.yml")
        let strategy = try #require(wf.jobs["check"]?["strategy"] as? [String: Any])
        #expect(strategy["fail-fast"] as? String == "false")
        let repositories = (strategy["matrix"] as? [String: Any])?["repository"] as? [String] ?? []
        #expect(repositories.count >= 2)
        let checkout = try #require(wf.step("check", uses: "actions/checkout@"))
        let path = try #require((checkout["with"] as? [String: Any])?["path"] as? String)
        #expect((checkout["with"] as? [String: Any])?["repository"] as? String == "${{ matrix.repository }}")
        let gate = try #require(wf.steps("check").first { ($0["uses"] as? String ?? "").hasSuffix("/gatekeeper@v1") })
        #expect((gate["with"] as? [String: String])?["working-directory"] == path, "the action checks the checkout")
    }
}

extension WorkflowTests {
    /// What a visitor sees first: the one line that adopts gatekeeper, as the workflows spell it.
    @Test func theReadmesFirstScreenShowsTheUsesLine() throws {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let firstScreen = readme.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
        let line = try #require(firstScreen.first { $0.contains("- uses: ") })
        let reference = try #require(line.firstMatch(of: /uses: (\S+)/)).1
        for file in Self.files {
            let used = try Workflow(file).jobs.keys.flatMap { try Workflow(file).steps($0) }.compactMap { $0["uses"] as? String }
            #expect(used.contains(String(reference)), "\(file) uses \(reference)")
        }
    }
}
