import ArgumentParser

struct GatekeeperCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "gatekeeper",
            abstract: "Release-gated dependency upgrades: prove the gate, then roll out with evidence.",
            discussion: """
                Exit codes: 0 success (gate open, suite passed, aligned); 1 a negative verdict
                (gate closed, suite failed, drift found, evidence altered); 2 an error.
                """,
            version: VersionInfo.text,
            subcommands: [CheckCommand.self, UsageCommand.self, ContractsCommand.self, ParityCommand.self]
        )
    }
}
