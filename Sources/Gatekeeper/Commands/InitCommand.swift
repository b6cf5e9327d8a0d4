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
            manifest declares. Then looks up what a team would otherwise write by hand, each
            written with a comment saying where it came from (or left commented out, with why):
            upstream, from the repository field of the pinned release's Cargo.toml, read from the
            registry as check reads it; fix_commit, from a commit id PLAN.md names in backticks,
            resolved to its full id in that upstream (as an object id only); [rollout] qa, from
            PLAN.md's QA commands block. Never overwrites gatekeeper.toml without --force. Then
            appends <!-- gate:… -->, <!-- step:… --> and <!-- accept:… --> markers to the PLAN.md
            checklist lines it recognises; every other byte of PLAN.md stays. With --check, runs
            a first check with the config written and exits as check does (0 open, 1 closed).

            Examples:
              gatekeeper init
              gatekeeper init --index https://registry.example.com/index/ --check
              gatekeeper init --repo ../tinyagent --dependency alchemy-llm --force --offline
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The crate to wait for (default: the one PLAN.md names that the manifests declare).", valueName: "name"))
    var dependency: String?

    @Option(help: ArgumentHelp("The registry's sparse index, written into the config and read for the package (default crates.io).", valueName: "url"))
    var index: String?

    @Flag(help: "Then run a first check with the config written and print its verdict.")
    var check = false

    @Flag(help: "Ask neither the registry nor the upstream: upstream and fix_commit stay commented out.")
    var offline = false

    @Flag(help: "Overwrite an existing gatekeeper.toml.")
    var force = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Cache folder (default $XDG_CACHE_HOME/gatekeeper or ~/.cache/gatekeeper).", valueName: "dir"))
    var cacheDir: String?

    static let planName = "PLAN.md"

    func validate() throws {
        if check && offline { throw ValidationError("--check and --offline do not go together") }
        if let index, !GateConfig.isIndexURL(index) {
            throw ValidationError("--index: must be an https://, http:// or file:// URL, got \(PrintableText.quoted(index))")
        }
        if let index, URLCredentials.present(in: index) {
            throw ValidationError("--index: the URL carries credentials: gatekeeper takes tokens from the environment only")
        }
    }

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
        let registry = index ?? GateConfig.defaultIndex
        let cache = cacheDir ?? CachePaths.defaultDirectory()
        let userAgent = CachePaths.userAgent(contact: nil)
        let findings = offline
            ? InitFindings.offline(plan: plan, planName: Self.planName)
            : InitFindings.discover(
                dependency: crate,
                pinned: { try PinnedVersion.read(dependency: crate, manifests: manifests, repo: global.repo).version },
                index: registry, plan: plan, planName: Self.planName,
                release: try PinnedRelease(cacheDirectory: cache, userAgent: userAgent))
        let text = StarterConfig.text(dependency: crate, manifests: manifests, index: registry, indexGiven: index != nil,
                                      findings: findings, planName: Self.planName)
        // What init writes must be what check reads: a config it rejects is a bug, not a file.
        let config = try GatekeeperConfig.parse(text, file: configPath)
        try AtomicFile.write(text, to: configPath)

        var marked: [PlanMarking.Marked] = []
        if let plan {
            let result = PlanMarking.mark(plan)
            marked = result.marked
            if !marked.isEmpty { try AtomicFile.write(result.text, to: planPath) }
        }
        let report = check ? try GateChecker(config: config, options: CheckOptions(
            repo: global.repo, cacheDirectory: cache, userAgent: CachePaths.userAgent(contact: config.http.contact))).run() : nil
        InitText.print(InitText.Written(configPath: configPath, dependency: crate, manifests: manifests,
                                        plan: plan == nil ? nil : Self.planName, marked: marked, findings: findings),
                       check: report, json: global.json, console: global.console)
        if let report, !report.open { throw ExitCode(1) }
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
