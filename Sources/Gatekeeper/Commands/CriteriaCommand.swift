import ArgumentParser
import Checks
import Foundation
import Usage

struct CriteriaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criteria",
        abstract: "Test how criteria judge release-note and commit phrasing.",
        subcommands: [CriteriaTestCommand.self]
    )
}

struct CriteriaTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the phrasing corpus: each case's text judged by its criterion, against the expected verdict.",
        discussion: """
            Without --cases, runs the built-in corpus against the usage-semantics preset. With
            --cases DIR, runs the case files of DIR against the criteria of gatekeeper.toml (the
            preset's when there is no config), so a team tests its own [[gate.criteria]] patterns
            the same way. A case file: {"name", "criterion", "source": "changelog"|"commit",
            "text", "expect": "pass"|"fail", "why"}. Prints one line per failed case and ends with
            "N passed, N failed". Exit 0 when every case holds, 1 when any does not, 2 when a case
            file or the config is unreadable.

            Examples:
              gatekeeper criteria test
              gatekeeper criteria test --cases tests/phrasing --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("A folder of case files (*.json) for your own criteria.", valueName: "dir"))
    var cases: String?

    func run() throws {
        let criteria: [CriterionSpec]
        let loaded: [PhrasingCase]
        if let cases {
            loaded = try PhrasingSuite.loadCases(directory: cases)
            criteria = try configuredCriteria()
        } else {
            loaded = try PhrasingSuite.builtInCases()
            criteria = CriteriaPresets.usageSemantics
        }
        let result = try PhrasingSuite.run(loaded, criteria: criteria)
        if global.json {
            Console.printJSON(result.json)
        } else {
            SuiteText.print(result, console: global.console, verbose: global.verbose)
        }
        if result.failed > 0 { throw ExitCode(1) }
    }

    /// Every gate's criteria, by id (the first gate's wins); the preset's without a config.
    private func configuredCriteria() throws -> [CriterionSpec] {
        guard FileManager.default.fileExists(atPath: global.configPath) else { return CriteriaPresets.usageSemantics }
        let config = try GatekeeperConfig.load(file: global.configPath)
        var seen = Set<String>()
        return config.gates.flatMap(\.criteria).filter { seen.insert($0.id).inserted }
    }
}
