import ArgumentParser
import Checks
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The plan's checklists, each box's state, and what gatekeeper can prove now.",
        discussion: """
            Reads [rollout] plan (default PLAN.md) of the repository. Each box shows its markers
            and what proves it: gatekeeper check (gate:), a rollout step (step:) or the rollout's
            evidence (accept:). With --check, runs the gate check and says, per gate box, whether
            it is provable now or not yet and why. Exit 0, or 2 on an error.

            Examples:
              gatekeeper plan
              gatekeeper plan --check --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run the gate check and say which gate boxes it proves now.")
    var check = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Cache folder for --check (default $XDG_CACHE_HOME/gatekeeper or ~/.cache/gatekeeper).", valueName: "dir"))
    var cacheDir: String?

    func run() throws {
        // Without --check the plan is readable before any config exists (e.g. before init).
        let hasConfig = global.config != nil || FileManager.default.fileExists(atPath: global.configPath)
        let config = check || hasConfig ? try GatekeeperConfig.load(file: global.configPath) : nil
        let planName = config?.rollout.plan ?? RolloutConfig().plan
        let path = planName.hasPrefix("/") ? planName : (global.repo as NSString).appendingPathComponent(planName)
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("\(path): no such file ([rollout] plan)") }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandFailure("\(path): cannot read it as UTF-8 text") }

        var report: CheckReport? = nil
        if check, let config {
            let options = CheckOptions(repo: global.repo, cacheDirectory: cacheDir ?? CachePaths.defaultDirectory(),
                                       userAgent: CachePaths.userAgent(contact: config.http.contact))
            report = try GateChecker(config: config, options: options).run()
        }
        let outline = PlanOutline(file: planName, text: text, report: report)
        if global.json {
            Console.printJSON(PlanText.json(outline))
        } else {
            PlanText.print(outline, console: global.console)
        }
    }
}
