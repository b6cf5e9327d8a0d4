import ArgumentParser

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The plan's checklists, each box's state, and what gatekeeper can prove now."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        throw CommandFailure("plan: not built yet")
    }
}
