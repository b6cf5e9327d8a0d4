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
              gatekeeper evidence verify data/evidence/alchemy-llm-0.1.2 --key signing-key.pub.pem --require-signature
              gatekeeper evidence show data/evidence/alchemy-llm-0.1.2 --html review.html
              gatekeeper evidence keygen --out ~/.config/gatekeeper
            """,
        subcommands: [Verify.self, Show.self, Keygen.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute every digest of a bundle and check its signatures: exit 0 when all hold, 1 naming what does not.",
            discussion: """
                Every DSSE envelope (*.dsse.json) must carry its statement's exact bytes. With --key,
                every envelope must be signed by that public key; with --require-signature, an
                unsigned bundle fails too. Exit 2 when the folder or the key cannot be read. With
                GITHUB_OUTPUT set, writes bundle= (the folder, absolute) and intact= lines.

                Example:
                  gatekeeper evidence verify data/evidence/alchemy-llm-0.1.2 --key signing-key.pub.pem --require-signature
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The evidence folder.", valueName: "dir"))
        var directory: String

        @Option(help: ArgumentHelp("The public key (P-256 PEM) the envelopes must be signed with.", valueName: "pub.pem"))
        var key: String?

        @Flag(name: .customLong("require-signature"), help: "Fail an unsigned bundle (needs --key).")
        var requireSignature = false

        func validate() throws {
            if requireSignature && key == nil { throw ValidationError("--require-signature needs --key PUB.pem") }
        }

        func run() throws {
            let verifying = try key.map { try VerifyingKey.read(file: $0) }
            let report = try EvidenceVerifier.verify(directory: directory, key: verifying, requireSignature: requireSignature)
            try GitHubOutputs.write(verified: directory, intact: report.intact)
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
            commandName: "show",
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

        @Option(help: ArgumentHelp("Check the envelopes' signatures with this public key (P-256 PEM).", valueName: "pub.pem"))
        var key: String?

        func run() throws {
            let contents = try EvidenceReader.read(directory: directory, key: try key.map { try VerifyingKey.read(file: $0) })
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

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Write a new P-256 key pair for signing evidence: signing-key.pem (private, 0600) and signing-key.pub.pem.",
            discussion: """
                Existing files are never replaced. Keep the private key in a secret store and hand it
                to gatekeeper in the environment (GATEKEEPER_SIGNING_KEY, or the variable
                [evidence] signing_key_env names) or with --signing-key; give reviewers the public one.

                Example:
                  gatekeeper evidence keygen --out ~/.config/gatekeeper
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The folder to write the two files into (created if needed).", valueName: "dir"))
        var out: String

        func run() throws {
            let pair = try KeyPairFiles.write(SigningKey.generate(), into: out)
            if global.json {
                Console.printJSON(["private": .string(pair.privatePath), "public": .string(pair.publicPath), "keyid": .string(pair.keyID)])
            } else {
                print("private key: \(PrintableText.line(pair.privatePath)) (0600; a secret: put it in $\(EvidenceConfig.defaultSigningKeyEnv) or pass --signing-key)")
                print("public key:  \(PrintableText.line(pair.publicPath)) (give it to reviewers: evidence verify DIR --key it)")
                print("key id:      \(pair.keyID)")
            }
        }
    }
}
