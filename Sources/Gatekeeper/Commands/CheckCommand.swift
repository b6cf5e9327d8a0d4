import ArgumentParser
import Checks
import Foundation
import Runbook
import Usage
import Support
import Cargo
import Git

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Poll the registry, gather evidence, and decide each gate.",
        discussion: """
            Exit 0 when every gate is open, 1 when any is closed, 2 on any error. With GITHUB_OUTPUT
            set, writes open=, version= (the candidate) and latest= lines; with GITHUB_STEP_SUMMARY
            set, appends the table.

            Examples:
              gatekeeper check
              gatekeeper check --version 0.1.2 --format json
              gatekeeper check --update-plan
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Judge this version instead of the highest eligible one.", valueName: "version"), transform: { try SemVer($0) })
    var version: SemVer?

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Cache folder (default $XDG_CACHE_HOME/gatekeeper or ~/.cache/gatekeeper).", valueName: "dir"))
    var cacheDir: String?

    @Flag(name: .customLong("update-plan"), help: "Tick the plan's hard-gate boxes (<!-- gate:ID --> markers) that passed.")
    var updatePlan = false

    @Option(help: ArgumentHelp("Also write the decision, open or closed, as a SLSA verification summary (an in-toto statement) to this file; with a signing key, its DSSE envelope beside it (FILE.dsse.json).", valueName: "file"))
    var attest: String?

    @Option(name: .customLong("signing-key"), help: ArgumentHelp("Sign the --attest statement with this P-256 PEM key (default: the variable [evidence] signing_key_env names, GATEKEEPER_SIGNING_KEY).", valueName: "file"))
    var signingKey: String?

    @Flag(help: "Keep the waiting dashboard: one GitHub issue, 'gatekeeper: waiting for <crate>', a row per gate, edited only when something changed (token from GITHUB_TOKEN or GH_TOKEN).")
    var dashboard = false

    func validate() throws {
        if signingKey != nil && attest == nil { throw ValidationError("--signing-key goes with --attest FILE") }
    }


    func run() throws {
        let config = try GatekeeperConfig.load(file: global.configPath)
        let environment = ProcessInfo.processInfo.environment
        // Read before the check, so a bad key stops it before any request.
        let key = attest == nil ? nil : try SigningKeySource.load(file: signingKey, config: config.evidence, environment: environment)
        let started = UTCTimestamp.string()
        let options = CheckOptions(
            repo: global.repo, cacheDirectory: cacheDir ?? CachePaths.defaultDirectory(),
            requestedVersion: version,
            userAgent: CachePaths.userAgent(contact: config.http.contact))
        let report = try GateChecker(config: config, options: options).run()

        var planLine: String? = nil
        if updatePlan {
            planLine = try PlanUpdate.tick(report: report, config: config, repo: global.repo)
        }
        try GitHubOutputs.write(report)
        if let attest {
            let context = VerificationSummary.Context(policy: VerificationSummary.policy(config, root: global.repo),
                                                      verifierVersion: VersionInfo.gatekeeper, timeVerified: started)
            try AttestationFile.write(VerificationSummary.statement(report.gates, context: context), to: attest,
                                      redactor: SecretRedactor(environment: environment, also: key.map { [$0.secret] } ?? []), signer: key?.key)
        }

        let sync = { try syncDashboard(report, config: config, environment: environment, started: started) }
        if global.json {
            // One document: the dashboard's line is in it, so it is kept first.
            var doc = report.json
            if dashboard, case .object(var members) = doc {
                members["dashboard"] = .string(try sync().line)
                doc = .object(members)
            }
            Console.printJSON(doc)
        } else {
            // The verdict is printed even when the dashboard then fails.
            CheckText.print(report, console: global.console, verbose: global.verbose)
            if let planLine { print(PrintableText.line(planLine)) }
            if dashboard { Console.say("\(try sync().line)") }
        }
        if !report.open { throw ExitCode(1) }
    }

    private func syncDashboard(_ report: CheckReport, config: GatekeeperConfig, environment: [String: String], started: String) throws -> DashboardOutcome {
        let target = try GitHubTarget.resolve(config: config, remoteURL: { try GitRepository.open(global.repo).remoteURL(config.rollout.remote) },
                                              environment: environment, userAgent: CachePaths.userAgent(contact: config.http.contact), flag: "--dashboard")
        return try WaitingDashboard.sync(WaitingDashboard.page(report, checkedAt: started), target: target)
    }
}
