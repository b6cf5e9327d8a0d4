import ArgumentParser
import Checks
import Foundation
import Runbook
import HTTP
import Git
import Cargo

struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Branch, bump, refresh lockfiles, run the suites and QA, write the evidence bundle, commit.",
        discussion: """
            Re-checks the gate for the version first and changes nothing unless it is open and the
            working tree is clean. A failing suite or QA command stops the rollout with exit 1,
            keeping the branch and the evidence so far; --resume continues from the first step not done.
            With GITHUB_OUTPUT set, writes status=, version=, bundle=, branch=, commit= and
            pull-request= lines; with GITHUB_STEP_SUMMARY set, appends what was done.

            Examples:
              gatekeeper rollout --version 0.1.2 --dry-run
              gatekeeper rollout --version 0.1.2 --capture rust=data/rust.json --capture python=data/python.json
              GITHUB_TOKEN=… gatekeeper rollout --version 0.1.2 --push --open-pr
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The version to roll out.", valueName: "version"), transform: { try SemVer($0) })
    var version: SemVer

    @Option(help: ArgumentHelp("The gate (its id) when the config has several.", valueName: "id"))
    var gate: String?

    @Flag(name: .customLong("dry-run"), help: "Print every step and the manifest diff; change nothing.")
    var dryRun = false

    @Flag(help: "Continue a failed or interrupted rollout from the first step not done.")
    var resume = false

    /// Parsed once, with the bundle's name rule (`CaptureName`), when the arguments are.
    @Option(name: .customLong("capture"), help: ArgumentHelp("Use an existing run capture instead of running its command.", valueName: "name=path"),
            transform: CaptureArgument.named)
    var captures: [CaptureArgument] = []

    @Option(name: .customLong("signing-key"), help: ArgumentHelp("Sign the evidence's statements with this P-256 PEM key (default: the variable [evidence] signing_key_env names, GATEKEEPER_SIGNING_KEY).", valueName: "file"))
    var signingKey: String?

    @Flag(name: .customLong("skip-gate"), help: "Roll out although the gate is not open (needs --reason; recorded in the evidence).")
    var skipGate = false

    @Option(help: ArgumentHelp("Why the gate is skipped.", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("QA commands run at once.", valueName: "n"))
    var jobs: Int = 1

    @Flag(help: "Push the rollout branch to [rollout] remote (token from GITHUB_TOKEN or GH_TOKEN for https).")
    var push = false

    @Flag(name: .customLong("open-pr"), help: "Open (or update) a pull request with PR.md as its body; implies --push.")
    var openPR = false

    @Flag(help: "With --open-pr: link the pull request on the waiting dashboard's issue (check --dashboard) and close it when nothing else waits.")
    var dashboard = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Cache folder (default $XDG_CACHE_HOME/gatekeeper or ~/.cache/gatekeeper).", valueName: "dir"))
    var cacheDir: String?

    func validate() throws {
        if skipGate && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--skip-gate needs --reason TEXT (it is recorded in the evidence)")
        }
        if reason != nil && !skipGate { throw ValidationError("--reason goes with --skip-gate") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if dashboard && !openPR { throw ValidationError("--dashboard goes with --open-pr (it links the pull request)") }
        if resume && dryRun { throw ValidationError("--resume and --dry-run do not go together") }
    }

    func run() throws {
        let config = try GatekeeperConfig.load(file: global.configPath)
        var request = RolloutRequest(
            repoPath: global.repo, config: config, version: version,
            cacheDirectory: cacheDir ?? CachePaths.defaultDirectory(),
            userAgent: CachePaths.userAgent(contact: config.http.contact),
            environment: ProcessInfo.processInfo.environment)
        request.gateID = gate
        request.dryRun = dryRun
        request.resume = resume
        request.skipGateReason = skipGate ? reason : nil
        request.captureOverrides = captures.map { ($0.name, $0.path) }
        request.signingKey = try SigningKeySource.load(file: signingKey, config: config.evidence, environment: request.environment)
        request.jobs = jobs
        request.push = push || openPR
        request.openPR = openPR
        request.dashboard = dashboard
        request.toolVersions = [("gatekeeper", VersionInfo.gatekeeper), ("libcurl", CurlLibrary.version), ("libgit2", GitLibrary.version)]

        let observer = ConsoleRolloutObserver(console: global.console, toStderr: global.json, verbose: global.verbose)
        let outcome = try Rollout(request: request, observer: observer).run()
        observer.finish()
        try GitHubOutputs.write(outcome, version: version.description, repo: global.repo)
        try RolloutText.report(outcome, json: global.json, console: global.console)
    }
}
