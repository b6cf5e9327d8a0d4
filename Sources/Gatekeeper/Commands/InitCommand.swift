import ArgumentParser
import Checks
import Foundation
import Runbook
import Support
import Cargo

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter gatekeeper.toml for a repository and mark PLAN.md lines.",
        discussion: """
            Scans the repository's Cargo manifests (skipping target/, .git/ and vendor/) for the
            dependency: the one given, else the single crate PLAN.md names in backticks that a
            manifest declares. Never overwrites gatekeeper.toml without --force. Then appends
            <!-- gate:… -->, <!-- step:… --> and <!-- accept:… --> markers to the PLAN.md
            checklist lines it recognises; every other byte of PLAN.md stays.

            Examples:
              gatekeeper init
              gatekeeper init --repo ../tinyagent --dependency alchemy-llm --force
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The crate to wait for (default: the one PLAN.md names that the manifests declare).", valueName: "name"))
    var dependency: String?

    @Flag(help: "Overwrite an existing gatekeeper.toml.")
    var force = false

    static let planName = "PLAN.md"

    func run() throws {
        let configPath = global.configPath
        if !force, FileManager.default.fileExists(atPath: configPath) {
            throw CommandFailure("\(configPath): already exists; pass --force to overwrite it")
        }
        let planPath = (global.repo as NSString).appendingPathComponent(Self.planName)
        let plan = try Self.readPlan(planPath)
        let scan = try ManifestScan(repo: global.repo)
        guard !scan.manifests.isEmpty else {
            throw CommandFailure("\(global.repo): no Cargo.toml found (target/, .git/ and vendor/ are skipped)")
        }
        let crate = try scan.dependency(named: dependency, plan: plan, planName: Self.planName)
        let manifests = try scan.declaring(crate)
        let config = StarterConfig.text(dependency: crate, manifests: manifests, planName: Self.planName)
        // What init writes must be what check reads: a config it rejects is a bug, not a file.
        _ = try GatekeeperConfig.parse(config, file: configPath)
        try AtomicFile.write(config, to: configPath)

        var marked: [PlanMarking.Marked] = []
        if let plan {
            let result = PlanMarking.mark(plan)
            marked = result.marked
            if !marked.isEmpty { try AtomicFile.write(result.text, to: planPath) }
        }
        InitText.print(configPath: configPath, dependency: crate, manifests: manifests,
                       plan: plan == nil ? nil : Self.planName, marked: marked, json: global.json)
    }

    /// The plan's text, or nil when the repository has none (init still writes the config).
    static func readPlan(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure("\(path): cannot read it as UTF-8 text")
        }
        return text
    }
}
