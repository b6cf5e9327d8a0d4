import ArgumentParser

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter gatekeeper.toml for a repository and mark PLAN.md lines."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        throw CommandFailure("init: not built yet")
    }
}
