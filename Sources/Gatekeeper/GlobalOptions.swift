import ArgumentParser
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The target repository.")
    var repo: String = "."

    @Option(help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String?

    @Option(help: "Output format: text, or json (one document on stdout).")
    var format: OutputFormat = .text

    @Flag(help: "Say more about what is done.")
    var verbose = false

    @Flag(name: .customLong("no-color"), help: "No colours (NO_COLOR in the environment does the same).")
    var noColor = false

    var json: Bool { format == .json }

    var console: Console {
        Console(color: !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && isatty(1) == 1)
    }

    /// The configuration file in force: `--config`, else `<repo>/gatekeeper.toml`.
    var configPath: String { config ?? (repo as NSString).appendingPathComponent("gatekeeper.toml") }
}
