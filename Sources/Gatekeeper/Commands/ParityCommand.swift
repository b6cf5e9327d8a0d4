import ArgumentParser
import Checks
import Foundation
import Usage
import Support

struct ParityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity",
        abstract: "Compare the usage semantics of two run captures.",
        discussion: """
            Each capture is NAME=FILE (a bare FILE is named a, then b). Writes usage_parity_diff.json
            and usage_parity_summary.json to --out. Keys only one final message has (api, model, …)
            are reported, not failed; a usage key-set difference, a contract violation or a drift
            signature fails (exit 1).

            Example:
              gatekeeper parity rust=data/rust_capture.json python=data/python_capture.json --out data/
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Two captures, NAME=FILE or FILE.", valueName: "capture"))
    var captures: [String] = []

    @Option(help: ArgumentHelp("Where to write the two report files.", valueName: "dir"))
    var out: String = "."

    func validate() throws {
        guard captures.count == 2 else {
            throw ValidationError("parity takes exactly two captures, got \(captures.count)")
        }
        _ = try CaptureArgument.resolve(captures)
    }

    func run() throws {
        let named = try CaptureArgument.resolve(captures).map { arg in
            NamedCapture(name: arg.name, capture: try CaptureReader.read(file: arg.path))
        }
        let report = ParitySuite.compare(named[0], named[1])
        let generatedAt = UTCTimestamp.string()
        let diffPath = (out as NSString).appendingPathComponent("usage_parity_diff.json")
        let summaryPath = (out as NSString).appendingPathComponent("usage_parity_summary.json")
        let summary = report.summaryJSON(generatedAt: generatedAt)
        try AtomicFile.write(JSONWriter.string(report.diffJSON) + "\n", to: diffPath)
        try AtomicFile.write(JSONWriter.string(summary) + "\n", to: summaryPath)

        if global.json {
            Console.printJSON(summary)
        } else {
            ParityText.print(report, console: global.console, written: [diffPath, summaryPath])
        }
        if !report.aligned { throw ExitCode(1) }
    }
}

/// `NAME=FILE` or a bare `FILE`.
struct CaptureArgument {
    let name: String
    let path: String

    static func resolve(_ arguments: [String]) throws -> [CaptureArgument] {
        var parsed: [(name: String?, path: String)] = arguments.map { arg in
            if let eq = arg.firstIndex(of: "=") {
                let name = String(arg[..<eq])
                if isName(name) { return (name, String(arg[arg.index(after: eq)...])) }
            }
            return (nil, arg)
        }
        var free = ["a", "b"].filter { n in !parsed.contains { $0.name == n } }
        for i in parsed.indices where parsed[i].name == nil {
            parsed[i].name = free.isEmpty ? "capture\(i + 1)" : free.removeFirst()
        }
        let result = parsed.map { CaptureArgument(name: $0.name ?? "", path: $0.path) }
        if result.count == 2, result[0].name == result[1].name {
            throw ValidationError("both captures are named \"\(result[0].name)\"; give them different names")
        }
        if let empty = result.first(where: { $0.path.isEmpty }) {
            throw ValidationError("capture \"\(empty.name)\" has no file")
        }
        return result
    }

    /// `CaptureName`'s rule, the bundle's.
    static func isName(_ s: String) -> Bool {
        CaptureName.problem(s) == nil
    }

    /// `--capture NAME=PATH` of a rollout (its option's transform): a bad one is an argument
    /// error naming the rule.
    static func named(_ argument: String) throws -> CaptureArgument {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { throw ValidationError("expected NAME=PATH") }
        if let problem = CaptureName.problem(parts[0]) { throw ValidationError(problem) }
        return CaptureArgument(name: parts[0], path: parts[1])
    }
}
