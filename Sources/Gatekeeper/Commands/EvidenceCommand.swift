import ArgumentParser
import Foundation
import Runbook
import Usage

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Check or review a rollout's evidence bundle.",
        subcommands: [Verify.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every digest of a bundle: exit 0 when all match, 1 listing altered, missing and unexpected files.",
            discussion: """
                Example:
                  gatekeeper evidence verify data/evidence/alchemy-llm-0.1.2
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The evidence folder.", valueName: "dir"))
        var directory: String

        func run() throws {
            let report = try EvidenceVerifier.verify(directory: directory)
            if global.json {
                Console.printJSON(.object(JSONObject([
                    .init(key: "intact", value: .bool(report.intact)),
                    .init(key: "checked", value: .number(JSONNumber(report.checked))),
                    .init(key: "altered", value: .array(report.altered.map { .string($0) })),
                    .init(key: "missing", value: .array(report.missing.map { .string($0) })),
                    .init(key: "unexpected", value: .array(report.unexpected.map { .string($0) })),
                ])))
            } else if report.intact {
                print("intact: \(report.checked) files match SHA256SUMS and statement.intoto.json")
            } else {
                let console = global.console
                for f in report.altered { print("\(console.paint("altered", .red))     \(f)") }
                for f in report.missing { print("\(console.paint("missing", .red))     \(f)") }
                for f in report.unexpected { print("\(console.paint("unexpected", .red))  \(f)") }
                print("evidence altered: \(report.altered.count) altered, \(report.missing.count) missing, \(report.unexpected.count) unexpected of \(report.checked) listed")
            }
            if !report.intact { throw ExitCode(1) }
        }
    }
}
