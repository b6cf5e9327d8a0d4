import ArgumentParser
import Checks
import Usage
import Support

struct ContractsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts",
        abstract: "Run the usage contract suite: the built-in cases plus a folder of case files.",
        discussion: """
            Prints one line per failed case and ends with the line "N passed, N failed".
            Exit 0 when every case passes, 1 when any fails, 2 when a case file is unreadable.

            Example:
              gatekeeper contracts --fixtures tests/usage_cases --junit out/contracts.junit.xml
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("A folder of extra case files (*.json).", valueName: "dir"))
    var fixtures: String?

    @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    func run() throws {
        var cases = try ContractSuite.builtInCases()
        if let fixtures { cases += try ContractSuite.loadCases(directory: fixtures) }
        let result = ContractSuite.run(cases)
        if let junit { try AtomicFile.write(result.junitXML(), to: junit) }

        if global.json {
            Console.printJSON(result.json)
        } else {
            SuiteText.print(result, console: global.console, verbose: global.verbose)
        }
        if result.failed > 0 { throw ExitCode(1) }
    }
}
