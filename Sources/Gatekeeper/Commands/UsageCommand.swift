import ArgumentParser
import Checks
import Usage
import Support

struct UsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Map raw provider usage to the canonical shape, or check a payload against the contract.",
        discussion: """
            Examples:
              gatekeeper usage normalize raw_usage.json > usage.json
              gatekeeper usage validate usage.json
            """,
        subcommands: [Normalize.self, Validate.self]
    )

    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "normalize",
            abstract: "Raw provider usage JSON → canonical usage JSON.",
            discussion: """
                Fallbacks the mapping took are printed on stderr as notes (in the document with --format json).

                Example:
                  echo '{"prompt_tokens":1200,"completion_tokens":80,"prompt_tokens_details":{"cached_tokens":1024}}' \\
                    | gatekeeper usage normalize
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A file of raw usage JSON, or - for stdin.", valueName: "file"))
        var file: String = "-"

        func run() throws {
            let raw = try InputFiles.json(file)
            let normalized: NormalizedUsage
            do {
                normalized = try ProviderUsage.normalize(raw)
            } catch let e as UsageMappingError {
                throw InputFiles.Failure(description: "\(file == "-" ? "stdin" : file): \(e)")
            }
            if global.json {
                Console.printJSON([
                    "usage": normalized.usage.json,
                    "diagnostics": .array(normalized.diagnostics.map { .string($0) }),
                ])
            } else {
                Console.printJSON(normalized.usage.json)
                Console.flush()
                normalized.diagnostics.forEach(Console.note)
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Strict check of a canonical usage object: exit 0 valid, 1 violations (one per line), 2 unreadable.",
            discussion: """
                Example:
                  gatekeeper usage validate captures/final_usage.json
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A file holding one usage object, or - for stdin.", valueName: "file"))
        var file: String = "-"

        func run() throws {
            let value = try InputFiles.json(file)
            let violations = UsageContract.check(value)
            if global.json {
                Console.printJSON([
                    "valid": .bool(violations.isEmpty),
                    "violations": .array(violations.map { v in
                        [
                            "path": .string(v.path),
                            "kind": .string(v.kind.rawValue),
                            "message": .string(v.message),
                        ]
                    }),
                ])
            } else if violations.isEmpty {
                print("valid: the usage object holds to the contract")
            } else {
                violations.forEach { print(PrintableText.line($0.description)) }
            }
            if !violations.isEmpty { throw ExitCode(1) }
        }
    }
}
