import ArgumentParser
import Checks
import DemoWorld
import Foundation
import Runbook

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The whole loop on a bundled example: check, rollout, evidence verify.",
        discussion: """
            Builds, in DIR, a local registry publishing alchemy-llm 0.1.0, 0.1.1, 0.1.2 (a terse
            changelog, the fix in its history) and a yanked 0.1.3; the upstream repository with
            that history; and a target repository pinned at 0.1.1 (two manifests, two lockfiles made
            by cargo, PLAN.md, QA and capture scripts). Then runs gatekeeper on them and says where
            the evidence bundle and its review page are. Needs cargo and python3.

            Example:
              gatekeeper demo --out /tmp/gatekeeper-demo
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Where to build the example (default: a new temporary folder).", valueName: "dir"))
    var out: String?

    func run() throws {
        let dir = try out.map { path -> String in
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if FileManager.default.fileExists(atPath: absolute),
               !((try? FileManager.default.contentsOfDirectory(atPath: absolute))?.isEmpty ?? true) {
                throw CommandFailure("\(absolute) is not empty; give a new or empty folder")
            }
            return absolute
        } ?? (try DemoSteps.temporaryDirectory())
        let steps = DemoSteps(dir: dir, console: global.console)
        try steps.run()
    }
}

/// The demo's narration and the commands it runs, each through this same binary.
struct DemoSteps {
    let dir: String
    let console: Console

    static func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "gatekeeper-demo.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CommandFailure("cannot create a temporary folder in \(NSTemporaryDirectory())") }
        return String(cString: made)
    }

    func say(_ title: String, _ lines: [String] = []) {
        print("")
        print(console.paint("== \(title)", .bold))
        for line in lines { print(line) }
    }

    func run() throws {
        guard let cargo = CargoSetup.locateCargo() else {
            throw CommandFailure("the demo runs the real cargo to write lockfiles; install Rust's cargo (make demo does)")
        }
        say("Building the example in \(dir)", [
            "  registry/  alchemy-llm 0.1.0, 0.1.1, 0.1.2 (terse changelog, fix in its history), 0.1.3 (yanked)",
            "  upstream/  the crate's repository: release 0.1.1, the usage fix, release 0.1.2, CHANGELOG.md, release 0.1.3",
            "  target/    a project pinned at 0.1.1: two manifests, two lockfiles, PLAN.md, QA and capture scripts",
        ])
        let cargoHome = (dir as NSString).appendingPathComponent("cargo-home")
        let world = try UsageFixScenario.make(at: dir, variant: .demo, cargoHome: cargoHome)
        var environment = ProcessInfo.processInfo.environment
        environment["CARGO_HOME"] = cargoHome
        environment["CARGO_NET_OFFLINE"] = "true"
        environment["PATH"] = (cargo as NSString).deletingLastPathComponent + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["GATEKEEPER_AUTHOR"] = environment["GATEKEEPER_AUTHOR"] ?? "gatekeeper demo <demo@example.com>"
        let cache = (dir as NSString).appendingPathComponent("cache")
        let repo = world.target

        say("1. Is the release out, and does it carry the fix?  gatekeeper check", [
            "   0.1.3 is yanked, so 0.1.2 is the candidate; its changelog says one line, the fix commit says the rest.",
        ])
        try gatekeeper(["check", "--repo", repo, "--cache-dir", cache], environment, expect: [0])

        // Outside the target: a key is a secret and never belongs in the repository.
        let keys = (dir as NSString).appendingPathComponent("keys")
        say("2. A key to sign the evidence with (a team makes one once).  gatekeeper evidence keygen")
        try gatekeeper(["evidence", "keygen", "--out", keys], environment, expect: [0])
        let privateKey = (keys as NSString).appendingPathComponent(KeyPairFiles.privateName)
        let publicKey = (keys as NSString).appendingPathComponent(KeyPairFiles.publicName)

        say("3. The gate is open: roll out.  gatekeeper rollout --version 0.1.2 --signing-key \(privateKey)", [
            "   branch, bump both manifests, refresh both lockfiles with cargo, contract suite, captures,",
            "   parity, QA, evidence bundle (statements signed as DSSE envelopes), PLAN.md ticks, commit —",
            "   the starting branch is never touched.",
        ])
        try gatekeeper(["rollout", "--repo", repo, "--version", "0.1.2", "--cache-dir", cache, "--signing-key", privateKey], environment, expect: [0])

        let evidence = (repo as NSString).appendingPathComponent("data/evidence/alchemy-llm-0.1.2")
        say("4. Anyone with the public key can check the bundle was not altered, and who signed it.  gatekeeper evidence verify --key")
        try gatekeeper(["evidence", "verify", evidence, "--key", publicKey, "--require-signature"], environment, expect: [0])

        // Beside the bundle, not in it: a file in the bundle would be "unexpected" to verify.
        let page = (dir as NSString).appendingPathComponent("evidence.html")
        say("5. A reviewer's page of it.  gatekeeper evidence show --html")
        try gatekeeper(["evidence", "show", evidence, "--key", publicKey, "--html", page], environment, expect: [0])

        say("Done", [
            "  target repository: \(repo) (on branch deps/alchemy-llm-0.1.2)",
            "  evidence bundle:   \(evidence)",
            "  pull request text: \(evidence)/PR.md",
            "  review page:       \(page)",
            "  signing keys:      \(keys) (verify: gatekeeper evidence verify \(evidence) --key \(publicKey) --require-signature)",
        ])
    }

    /// Runs this binary with `arguments`, output straight to the terminal, after printing the command.
    func gatekeeper(_ arguments: [String], _ environment: [String: String], expect: [Int32]) throws {
        print(console.paint("$ gatekeeper \(arguments.joined(separator: " "))", .dim))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : (Bundle.main.executablePath ?? CommandLine.arguments[0]))
        process.arguments = arguments
        process.environment = environment
        Console.flush()
        try process.run()
        process.waitUntilExit()
        guard expect.contains(process.terminationStatus) else {
            throw CommandFailure("gatekeeper \(arguments.first ?? "") exited \(process.terminationStatus); the demo stops here (its files are in \(dir))")
        }
    }
}
