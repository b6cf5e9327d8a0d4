import ArgumentParser

struct GatekeeperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatekeeper",
        abstract: "Release-gated dependency upgrades: prove the gate, then roll out with evidence.",
        discussion: """
            `gatekeeper --version` shows gatekeeper's version and the libcurl and libgit2 it runs with.
            Exit codes: 0 success (gate open, suite passed, aligned); 1 a negative verdict
            (gate closed, suite failed, drift found, evidence altered); 2 an error.

            Examples:
              gatekeeper demo
              gatekeeper check --format json
              gatekeeper rollout --version 0.1.2 --dry-run
              gatekeeper --generate-completion-script bash > /etc/bash_completion.d/gatekeeper
            """,
        subcommands: [CheckCommand.self, RolloutCommand.self, EvidenceCommand.self, PlanCommand.self, InitCommand.self, DemoCommand.self, UsageCommand.self, ContractsCommand.self, ParityCommand.self, CriteriaCommand.self]
    )
}
