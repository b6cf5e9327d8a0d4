import ArgumentParser
import Checks
import Foundation
import Runbook
import Usage
import Support

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Check or review a rollout's evidence bundle.",
        discussion: """
            Examples:
              gatekeeper evidence verify data/evidence/alchemy-llm-0.1.2
              gatekeeper evidence show data/evidence/alchemy-llm-0.1.2 --html review.html
            """,
        subcommands: [Verify.self, Show.self]
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
                Console.printJSON(report.json)
            } else {
                report.textLines.forEach { print($0) }
            }
            if !report.intact { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review a bundle: gate, changes, suites, QA, acceptance criteria and integrity; exit 1 when it was altered.",
            discussion: """
                The bundle is verified first; an altered bundle is still shown, flagged, and exits 1.
                --html writes the same review as one self-contained page (no network), its links
                relative to where the page is written.

                Example:
                  gatekeeper evidence show data/evidence/alchemy-llm-0.1.2 --html review.html
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The evidence folder.", valueName: "dir"))
        var directory: String

        @Option(help: ArgumentHelp("Also write the review as an HTML page to this file.", valueName: "file"))
        var html: String?

        func run() throws {
            let contents = try EvidenceReader.read(directory: directory)
            if let html {
                let page = try EvidencePage.render(contents, linkPrefix: EvidencePage.linkPrefix(pageFile: html, bundle: directory))
                try AtomicFile.write(page, to: html)
            }
            if global.json {
                Console.printJSON(EvidenceReviewJSON.document(contents))
            } else {
                for line in EvidenceReviewText.lines(contents, console: global.console) { print(line) }
                if let html { print("\npage: \(html)") }
            }
            if !contents.integrity.intact { throw ExitCode(1) }
        }
    }
}
