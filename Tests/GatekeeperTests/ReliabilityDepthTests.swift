import Cargo
import Checks
import DemoWorld
import Foundation
import Runbook
import Testing
import TestSupport
import Support
@testable import TOML

/// Input nested about 5,000 levels deep (issue 13, item 4), end to end through the built CLI:
/// in gatekeeper.toml, in a manifest of the repository, in a lockfile, in the rollout's state
/// and in a line of the registry's index. Before the readers had a nesting limit, the TOML ones
/// recursed once per level until the stack ran out (SIGSEGV). Now every case is exit 2 with one
/// stderr line naming the file (and the line), no control characters, and the repository
/// byte-identical; with the fault removed, the next run gives the right answer.
///
/// The limits: 128 levels in TOML (`TOMLReader.maxDepth`: arrays, inline tables and tables),
/// 256 in JSON (`JSONCursor.maxDepth`).
enum Deep {
    static func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }
    static func arrays(_ n: Int) -> String { repeated("[", n) + repeated("]", n) }
    static func inlineTables(_ n: Int) -> String { repeated("{b = ", n) + "1" + repeated(" }", n) }
    static func mixed(_ n: Int) -> String { repeated("[{b = ", n) + "1" + repeated(" }]", n) }

    static let faultClass = "input: nesting 5,000 levels deep"
    static let tomlLimit = "nesting deeper than 128 levels (arrays, inline tables and tables)"
    static let jsonLimit = "nesting deeper than 256 levels"

    /// The 1-based line `text` would start on if appended to `prefix`.
    static func line(after prefix: String) -> Int { prefix.utf8.filter { $0 == 0x0A }.count + 1 }

    /// No C0 or C1 control character, nor DEL, in a line meant for a terminal.
    static func hasControlCharacters(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
    }

    /// What the user must see, checked and summed up as the outcome for docs/RELIABILITY.md:
    /// "clear error", "crashed (status N)" (a signal: gatekeeper itself only exits 0, 1 or 2)
    /// or "unclear" (an error, but not one precise line naming the file).
    static func judge(_ r: CLI.Result, names file: String, line: Int?, says message: String,
                      sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        let oneLine = lines.count == 2 && lines[1].isEmpty
        let first = String(lines.first ?? "")
        let place = line.map { "\(file):\($0): " } ?? "\(file)"
        #expect(r.status == 2, "exit \(r.status): \(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r.stdout)", sourceLocation: sourceLocation)
        #expect(oneLine, "one line: \(r.stderr.prefix(2_000))", sourceLocation: sourceLocation)
        #expect(first.hasPrefix("gatekeeper: error: "), "\(first.prefix(2_000))", sourceLocation: sourceLocation)
        #expect(first.contains(place), "names \(place): \(first.prefix(2_000))", sourceLocation: sourceLocation)
        #expect(first.contains(message), "says \(message): \(first.prefix(2_000))", sourceLocation: sourceLocation)
        #expect(!hasControlCharacters(first), "\(first.debugDescription.prefix(2_000))", sourceLocation: sourceLocation)
        #expect(first.utf8.count < 1_000, "a line, not the input: \(first.utf8.count) bytes", sourceLocation: sourceLocation)
        if ![0, 1, 2].contains(r.status) { return "crashed (status \(r.status))" }
        let clear = r.status == 2 && r.stdout.isEmpty && oneLine && first.hasPrefix("gatekeeper: error: ") && first.contains(place)
            && first.contains(message) && !hasControlCharacters(first) && first.utf8.count < 1_000
        return clear ? "clear error" : "unclear"
    }
}

/// One deep input met by `gatekeeper check`: where it goes, and what the error names.
struct DeepCheckInput: CustomTestStringConvertible, Sendable {
    let name: String
    /// Puts the input in place; returns the file and line the error must name.
    let inject: @Sendable (CheckWorld) throws -> (file: String, line: Int?, says: String)
    var testDescription: String { name }
}

let deepCheckInputs: [DeepCheckInput] = [
    DeepCheckInput(name: "check: gatekeeper.toml, [http] contact = [[[…]]]") { world in
        let prefix = try String(contentsOfFile: world.config, encoding: .utf8) + "\n[http]\ncontact = "
        try (prefix + Deep.arrays(5_000) + "\n").write(toFile: world.config, atomically: true, encoding: .utf8)
        return ("gatekeeper.toml", Deep.line(after: prefix), Deep.tomlLimit)
    },
    DeepCheckInput(name: "check: gatekeeper.toml, contact = [ [ […] ] ], one level a line") { world in
        let prefix = try String(contentsOfFile: world.config, encoding: .utf8) + "\n[http]\n"
        let text = prefix + "contact = " + Deep.repeated("[\n", 5_000) + Deep.repeated("]", 5_000) + "\n"
        try text.write(toFile: world.config, atomically: true, encoding: .utf8)
        // [http] is the first level, so the 128th bracket is the one too many, 127 lines down.
        return ("gatekeeper.toml", Deep.line(after: prefix) + 127, Deep.tomlLimit)
    },
    DeepCheckInput(name: "check: gatekeeper.toml, contact = {b = {b = …}} inline tables") { world in
        let prefix = try String(contentsOfFile: world.config, encoding: .utf8) + "\n[http]\ncontact = "
        try (prefix + Deep.inlineTables(5_000) + "\n").write(toFile: world.config, atomically: true, encoding: .utf8)
        return ("gatekeeper.toml", Deep.line(after: prefix), Deep.tomlLimit)
    },
    DeepCheckInput(name: "check: Cargo.toml, [package.metadata.x] y = [[[…]]]") { world in
        let path = world.scenario.target + "/Cargo.toml"
        let prefix = try String(contentsOfFile: path, encoding: .utf8) + "\n[package.metadata.x]\ny = "
        try (prefix + Deep.arrays(5_000) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return ("Cargo.toml", Deep.line(after: prefix), Deep.tomlLimit)
    },
    DeepCheckInput(name: "check: bindings Cargo.toml, [package.metadata.x] y = [{b = [{b = …}]}]") { world in
        let path = world.scenario.target + "/bindings/alchemy_llm_py/Cargo.toml"
        let prefix = try String(contentsOfFile: path, encoding: .utf8) + "\n[package.metadata.x]\ny = "
        try (prefix + Deep.mixed(5_000) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return ("bindings/alchemy_llm_py/Cargo.toml", Deep.line(after: prefix), Deep.tomlLimit)
    },
    DeepCheckInput(name: "check: a line of the registry's index, \"deps\": [[[…]]]") { world in
        let head = #"{"name":"alchemy-llm","vers":"0.1.3","deps":"#
        let path = world.scenario.registry + world.indexPath
        let existing = try Data(contentsOf: URL(fileURLWithPath: path))
        try (existing + Data((head + Deep.arrays(5_000) + "}\n").utf8)).write(to: URL(fileURLWithPath: path))
        let line = Deep.line(after: String(decoding: existing, as: UTF8.self))
        // The object is the first level, so the 256th bracket is the one too many.
        return ("\(world.server!.baseURL)\(world.indexPath):\(line): not valid JSON: column \(head.utf8.count + 256)", nil, Deep.jsonLimit)
    },
]

@Suite struct ReliabilityDepthTests {
    /// Nested under this name so that `make reliability` (which runs the tests matching
    /// "ReliabilityTests") records these cases too.
    @Suite struct DeepInputReliabilityTests {
        /// `check` on deep input: one clear error naming the file, the repository untouched, and
        /// the right answer again once the input is put back.
        @Test(arguments: deepCheckInputs)
        func checkOnDeepInputIsAClearError(_ input: DeepCheckInput) throws {
            let world = try CheckWorld(.changelogConfirmsAll)
            let target = world.scenario.target
            let touched = [world.config, target + "/Cargo.toml", target + "/bindings/alchemy_llm_py/Cargo.toml",
                           world.scenario.registry + world.indexPath]
            let original = try touched.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            let (file, line, says) = try input.inject(world)
            let before = try FileTree.contents(of: world.scenario.target)

            let r = try world.check()
            let outcome = Deep.judge(r, names: file, line: line, says: says)
            let unchanged = try FileTree.contents(of: world.scenario.target) == before
            #expect(unchanged, "the repository is byte-identical")
            let opened = r.status == 0 || r.stdout.contains("OPEN")
            #expect(!opened)

            // The input put back, the same cache gives the right answer.
            for (path, bytes) in zip(touched, original) { try bytes.write(to: URL(fileURLWithPath: path)) }
            let again = try world.check()
            let recovered = again.status == 0 && again.lines.first == CheckWorld.openLine
            #expect(recovered, "\(again.stdout)\(again.stderr)")
            ReliabilityLog.record(Deep.faultClass, input.name, outcome, dataLost: !unchanged || !recovered, gateWronglyOpened: opened)
        }

        /// `init` scans the repository's manifests: a deep one is named, and nothing is written.
        @Test func initOnADeepManifestIsAClearErrorAndWritesNothing() throws {
            let prefix = TargetRepository.rootManifest + "\n[package.metadata.x]\ny = "
            let repo = try InitRepo(rootManifest: prefix + Deep.arrays(5_000) + "\n")
            let before = try FileTree.contents(of: repo.root)
            let r = try repo.run()
            let outcome = Deep.judge(r, names: "Cargo.toml", line: Deep.line(after: prefix), says: Deep.tomlLimit)
            let unchanged = try FileTree.contents(of: repo.root) == before
            #expect(unchanged, "no file written or changed")
            ReliabilityLog.record(Deep.faultClass, "init: Cargo.toml, [package.metadata.x] y = [[[…]]]", outcome,
                                  dataLost: !unchanged, gateWronglyOpened: false)
        }

        /// `rollout --dry-run` reads the manifests (committed, so the tree is clean): a deep one is
        /// named, and refs, index, HEAD and every file stay as they were.
        @Test(arguments: [("[[[…]]]", false), ("{b = {b = …}}", true)])
        func aDryRunOnADeepManifestIsAClearErrorAndChangesNothing(shape: String, inline: Bool) throws {
            let world = try RolloutWorld()
            let prefix = try world.read("Cargo.toml") + "\n[package.metadata.x]\ny = "
            try (prefix + (inline ? Deep.inlineTables(5_000) : Deep.arrays(5_000)) + "\n")
                .write(toFile: world.target + "/Cargo.toml", atomically: true, encoding: .utf8)
            try world.git(["commit", "-qam", "metadata"])
            let before = try world.snapshot()
            let tree = try world.workingTree()

            let r = try world.rollout(["--version", "0.1.2", "--dry-run"])
            let outcome = Deep.judge(r, names: "Cargo.toml", line: Deep.line(after: prefix), says: Deep.tomlLimit)
            let unchanged = try world.snapshot() == before && world.workingTree() == tree
            #expect(unchanged, "refs, index, HEAD and the working tree are as they were")
            let branched = try !world.git(["branch", "--list", RolloutWorld.branch]).isEmpty
            #expect(!branched)
            ReliabilityLog.record(Deep.faultClass, "rollout --dry-run: Cargo.toml, [package.metadata.x] y = \(shape)", outcome,
                                  dataLost: !unchanged, gateWronglyOpened: branched)
        }

        /// A rollout stopped (killed after QA); its record and a lockfile are then replaced with
        /// deep input. `--resume` reads both before doing anything: each is a clear error naming
        /// its file, and changes nothing; put back, the rollout finishes.
        @Test func resumeOnADeepStateOrLockfileIsAClearErrorAndChangesNothing() throws {
            let world = try RolloutWorld()
            let mainBefore = try world.mainSnapshot()
            let filesBefore = try world.filesOnMain()
            let first = try world.rollout(["--version", "0.1.2"], environment: ["GATEKEEPER_FAILPOINT": "recorded:qa"])
            #expect(first.status == 9, "\(first.stdout)\(first.stderr)")
            let statePath = world.target + "/.git/gatekeeper/rollout-alchemy-llm-0.1.2.json"
            let lockPath = world.target + "/Cargo.lock"
            let state = try Data(contentsOf: URL(fileURLWithPath: statePath))
            let lock = try Data(contentsOf: URL(fileURLWithPath: lockPath))
            var dataLost = false

            // The state: JSON, 5,000 levels in one of its values.
            try Data((#"{"dependency": "# + Deep.arrays(5_000) + "}").utf8).write(to: URL(fileURLWithPath: statePath))
            var before = try world.snapshot()
            var tree = try world.workingTree()
            let r1 = try world.rollout(["--version", "0.1.2", "--resume"])
            let outcome1 = Deep.judge(r1, names: statePath, line: nil, says: Deep.jsonLimit)
            var unchanged = try world.snapshot() == before && world.workingTree() == tree
            #expect(unchanged, "refs, index, HEAD and the working tree are as they were")
            dataLost = dataLost || !unchanged
            try state.write(to: URL(fileURLWithPath: statePath))

            // The lockfile, which the rollout rewrites: a [[package]] with 5,000 levels in it.
            let prefix = String(decoding: lock, as: UTF8.self) + "\n[[package]]\nname = \"deep\"\nversion = \"1.0.0\"\ndependencies = "
            try (prefix + Deep.mixed(5_000) + "\n").write(toFile: lockPath, atomically: true, encoding: .utf8)
            before = try world.snapshot()
            tree = try world.workingTree()
            let r2 = try world.rollout(["--version", "0.1.2", "--resume"])
            let outcome2 = Deep.judge(r2, names: "Cargo.lock", line: Deep.line(after: prefix), says: Deep.tomlLimit)
            unchanged = try world.snapshot() == before && world.workingTree() == tree
            #expect(unchanged, "refs, index, HEAD and the working tree are as they were")
            dataLost = dataLost || !unchanged
            try lock.write(to: URL(fileURLWithPath: lockPath))

            // Both put back, the rollout finishes as an uninterrupted one would.
            let (completed, lost) = try world.finish(["--resume"], mainBefore: mainBefore, filesBefore: filesBefore)
            dataLost = dataLost || lost || !completed
            ReliabilityLog.record(Deep.faultClass, "rollout --resume: the rollout's state (JSON), \"dependency\": [[[…]]]", outcome1,
                                  dataLost: dataLost, gateWronglyOpened: false)
            ReliabilityLog.record(Deep.faultClass, "rollout --resume: Cargo.lock, dependencies = [{b = [{b = …}]}]", outcome2,
                                  dataLost: dataLost, gateWronglyOpened: false)
        }

        /// Real files are far inside the limits: nesting right at them is read as usual, and what
        /// walks the tree afterwards (the gate, the manifest editor and its verifier) copes too.
        @Test func nestingAtTheLimitIsReadAsUsual() throws {
            // [package.metadata.x] is three tables: 125 arrays more make 128.
            let world = try RolloutWorld()
            let manifest = try world.read("Cargo.toml") + "\n[package.metadata.x]\ny = " + Deep.arrays(125)
                + "\nz = " + Deep.inlineTables(125) + "\n"
            try manifest.write(toFile: world.target + "/Cargo.toml", atomically: true, encoding: .utf8)
            try world.git(["commit", "-qam", "metadata at the limit"])
            let before = try world.snapshot()

            let check = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.dir.path("check-cache")])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.lines.first == CheckWorld.openLine, "\(check.stdout)")
            let dry = try world.rollout(["--version", "0.1.2", "--dry-run"])
            #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
            #expect(dry.stdout.contains("+alchemy-llm = \"0.1.2\""), "\(dry.stdout)")
            let unchanged = try world.snapshot() == before
            #expect(unchanged)
            let read = check.status == 0 && dry.status == 0
            ReliabilityLog.record("input: nesting at the limit (128 levels of TOML)",
                                  "check and rollout --dry-run: Cargo.toml, [package.metadata.x]",
                                  read ? "read as usual" : "refused", dataLost: !unchanged, gateWronglyOpened: false)
        }

        /// The lockfile reader in process, for the line it names (the CLI reaches it only on
        /// --resume and in the lockfile step).
        @Test func theLockfileReaderNamesTheLine() {
            let text = "version = 3\n\n[[package]]\nname = \"alchemy-llm\"\nversion = \"0.1.1\"\ndependencies = "
                + Deep.arrays(5_000) + "\n"
            do {
                _ = try CargoLock(text: text, file: "Cargo.lock").versions(of: "alchemy-llm")
                Issue.record("expected a nesting error")
            } catch {
                #expect("\(error)" == "Cargo.lock:6: \(Deep.tomlLimit)")
            }
        }
    }
}
