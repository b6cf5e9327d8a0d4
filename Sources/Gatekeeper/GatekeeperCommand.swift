import ArgumentParser

struct GatekeeperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatekeeper",
        abstract: "Release-gated dependency upgrades: prove the gate, then roll out with evidence.",
        discussion: """
            Exit codes: 0 success (gate open, suite passed, aligned); 1 a negative verdict
            (gate closed, suite failed, drift found, evidence altered); 2 an error.
            """,
        subcommands: [CheckCommand.self, UsageCommand.self, ContractsCommand.self, ParityCommand.self]
    )

    // Not CommandConfiguration.version: ArgumentParser evaluates that on every parse, and
    // reporting the C libraries' versions initialises them (libgit2 parses every CA
    // certificate), a cost no other command should pay.
    @Flag(name: .long, help: "Show gatekeeper's version and the libcurl and libgit2 it runs with.")
    var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(VersionInfo.text)
    }
}
