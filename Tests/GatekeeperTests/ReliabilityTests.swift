import Checks
import DemoWorld
import Foundation
import Runbook
import Testing
import TestSupport
import Usage

/// The fault matrix (issue 6), end to end through the built CLI: network and content faults
/// against `gatekeeper check`, repository faults and kills against `gatekeeper rollout`.
/// Every case asserts what the user sees, that the gate is never reported open on bad
/// evidence, and that nothing is lost (the cache keeps no corrupt entry: a clean second run is
/// correct; a rollout leaves the starting branch and the user's files byte-identical).
///
/// With GATEKEEPER_RELIABILITY_LOG set, every case appends one line
/// `class|case|outcome|data_lost|gate_wrongly_opened` to that file, from what it observed;
/// `scripts/reliability.sh` turns those lines into docs/RELIABILITY.md.
enum ReliabilityLog {
    static let lock = NSLock()

    static func record(_ faultClass: String, _ name: String, _ outcome: String, dataLost: Bool, gateWronglyOpened: Bool) {
        guard let path = ProcessInfo.processInfo.environment["GATEKEEPER_RELIABILITY_LOG"], !path.isEmpty else { return }
        let line = "\(faultClass)|\(name)|\(outcome)|\(dataLost ? 1 : 0)|\(gateWronglyOpened ? 1 : 0)\n"
        lock.lock()
        defer { lock.unlock() }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { return }
        _ = Array(line.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}

// MARK: - check

/// One fault against `gatekeeper check`, what the user must see, and how the fault is removed.
struct CheckFault: CustomTestStringConvertible, Sendable {
    enum Expect: Sendable {
        /// Exit 0, the gate open on the real evidence, after at least `requests` requests to the index.
        case retriedAndSucceeded(requests: Int)
        /// Exit 2, nothing on stdout, exactly one stderr line: "gatekeeper: error: " + the
        /// message with {base} replaced by the server's URL, {index} by the index URL.
        case clearError(prefix: String, contains: String = "")
    }

    /// What the fault hits; the request count of `retriedAndSucceeded` is taken there.
    enum Target: Sendable {
        case index, package, registryConfig
        func path(in world: CheckWorld) -> String {
            switch self {
            case .index: return world.indexPath
            case .package: return CheckWorld.packagePath
            case .registryConfig: return "/index/config.json"
            }
        }
    }

    let faultClass: String
    let name: String
    var target: Target = .index
    /// Appended to gatekeeper.toml (e.g. an [http] table).
    var http: String = ""
    let expect: Expect
    /// Puts the fault in place; returns what undoes it.
    let inject: @Sendable (CheckWorld) throws -> @Sendable () throws -> Void

    var testDescription: String { "\(faultClass): \(name)" }
}

extension CheckWorld {
    var config: String { scenario.target + "/gatekeeper.toml" }

    /// Replaces `old` in a file, returning what puts the bytes back.
    func edit(_ path: String, _ change: (Data) -> Data) throws -> @Sendable () throws -> Void {
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try change(original).write(to: URL(fileURLWithPath: path))
        return { try original.write(to: URL(fileURLWithPath: path)) }
    }

    func replaceInConfig(_ old: String, _ new: String) throws -> @Sendable () throws -> Void {
        try edit(config) { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8) }
    }

    /// Where the registry serves the candidate's .crate.
    static let packagePath = "/crates/alchemy-llm/alchemy-llm-0.1.2.crate"

    /// The gate this scenario must report when nothing is wrong.
    static let openLine = "gate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.2)"
}

let checkFaults: [CheckFault] = [
    CheckFault(faultClass: "check: connection refused", name: "index on a closed port", http: "retries = 1\n",
               expect: .clearError(prefix: "http://127.0.0.1:", contains: "/index/config.json: Failed to connect to 127.0.0.1 port ")) { world in
        let closed = try LoopbackHTTPServer()
        let port = closed.port
        closed.stop()
        return try world.replaceInConfig(world.server!.baseURL + "/index/", "http://127.0.0.1:\(port)/index/")
    },
    CheckFault(faultClass: "check: connection reset mid-body", name: "once, then served", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.resetMidBody, path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: connection reset mid-body", name: "every attempt", http: "retries = 0\n",
               expect: .clearError(prefix: "{base}{indexPath}: Failure when receiving data from the peer: Recv failure: Connection reset by peer")) { world in
        world.server!.inject(.resetMidBody, path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: connection closed without response", name: "once, then served", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.closeWithoutResponse, path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: truncated body (short Content-Length)", name: "once, then served", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.truncatedBody, path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: stall past the timeout", name: "timeout 2s, stall 6s, no retries", http: "timeout = \"2s\"\nretries = 0\n",
               expect: .clearError(prefix: "{base}{indexPath}: Timeout was reached: Operation timed out after 2")) { world in
        world.server!.inject(.stall(seconds: 6), path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: stall past the timeout", name: "timeout 2s, stall once, retried", http: "timeout = \"2s\"\nretries = 1\n",
               expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.stall(seconds: 6), path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: HTTP 500/502/503", name: "502 once", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.status(502), path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: HTTP 500/502/503", name: "500 then 503 then served", expect: .retriedAndSucceeded(requests: 3)) { world in
        world.server!.inject(.status(500), path: world.indexPath)
        world.server!.inject(.status(503), path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: HTTP 500/502/503", name: "503 on every attempt", http: "retries = 1\n",
               expect: .clearError(prefix: "{base}{indexPath}: HTTP 503", contains: "after 2 attempts")) { world in
        world.server!.inject(.status(503), path: world.indexPath, times: 2)
        return {}
    },
    CheckFault(faultClass: "check: HTTP 429/503 with Retry-After", name: "429 Retry-After: 1", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.status(429, headers: ["Retry-After": "1"]), path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: HTTP 429/503 with Retry-After", name: "503 Retry-After: 1", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.status(503, headers: ["Retry-After": "1"]), path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: redirect loop", name: "every index URL redirects to itself", expect: .clearError(prefix: "{base}/loop/index/config.json: Number of redirects hit maximum amount: Maximum (5) redirects followed")) { world in
        world.server!.routePrefix("/loop/") { request in (302, ["Location": request.path], []) }
        return try world.replaceInConfig(world.server!.baseURL + "/index/", world.server!.baseURL + "/loop/index/")
    },
    CheckFault(faultClass: "check: body larger than the cap", name: "21 MiB index file (cap 20 MiB)", expect: .clearError(prefix: "{base}{indexPath}: response body exceeds 20971520 bytes")) { world in
        world.server!.inject(.body([UInt8](repeating: UInt8(ascii: "x"), count: 21 << 20)), path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: truncated gzip", name: "once, then served", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.gzipTruncated, path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: truncated gzip", name: "every attempt", http: "retries = 0\n", expect: .clearError(prefix: "{base}{indexPath}: gzip body does not decode: truncated gzip input")) { world in
        world.server!.inject(.gzipTruncated, path: world.indexPath)
        return {}
    },
    CheckFault(faultClass: "check: index with invalid UTF-8", name: "a line of 0xFF 0xFE bytes", expect: .clearError(prefix: "{base}{indexPath}:4: not valid JSON: column 1: unexpected byte 0xFF")) { world in
        try world.edit(world.scenario.registry + world.indexPath) { $0 + Data([0xFF, 0xFE, 0x7B, 0x7D, 0x0A]) }
    },
    CheckFault(faultClass: "check: index with a broken JSON line", name: "line cut mid-object", expect: .clearError(prefix: "{base}{indexPath}:4: not valid JSON: column 42: expected a string key, found end of input")) { world in
        try world.edit(world.scenario.registry + world.indexPath) { $0 + Data("{\"name\": \"alchemy-llm\", \"vers\": \"0.1.3\", \n".utf8) }
    },
    CheckFault(faultClass: "check: .crate checksum mismatch", name: "one byte flipped in 0.1.2",
               expect: .clearError(prefix: "alchemy-llm-0.1.2.crate: checksum mismatch: the index says ", contains: ", the download is ")) { world in
        try world.edit(world.scenario.registry + "/crates/alchemy-llm/alchemy-llm-0.1.2.crate") { data in
            var bytes = [UInt8](data)
            bytes[bytes.count / 2] ^= 0xFF
            return Data(bytes)
        }
    },
    CheckFault(faultClass: "check: config.json without dl", name: "{\"api\": null}",
               expect: .clearError(prefix: "{index}config.json: no \"dl\" key: the registry does not say where packages download from")) { world in
        try world.edit(world.scenario.registry + "/index/config.json") { _ in Data(#"{"api": null}"#.utf8) }
    },
    // The same transport faults on the package download and on the registry's config.json.
    CheckFault(faultClass: "check: connection reset mid-body", name: ".crate download, once, then served", target: .package,
               expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.resetMidBody, path: CheckWorld.packagePath)
        return {}
    },
    CheckFault(faultClass: "check: truncated body (short Content-Length)", name: ".crate download, every attempt", target: .package, http: "retries = 1\n",
               expect: .clearError(prefix: "{base}{packagePath}: Transferred a partial file: transfer closed with ", contains: "bytes remaining to read (after 2 attempts)")) { world in
        world.server!.inject(.truncatedBody, path: CheckWorld.packagePath, times: 2)
        return {}
    },
    CheckFault(faultClass: "check: HTTP 500/502/503", name: ".crate download, 503 on every attempt", target: .package, http: "retries = 1\n",
               expect: .clearError(prefix: "{base}{packagePath}: HTTP 503", contains: "after 2 attempts")) { world in
        world.server!.inject(.status(503), path: CheckWorld.packagePath, times: 2)
        return {}
    },
    CheckFault(faultClass: "check: body larger than the cap", name: "21 MiB .crate (cap 20 MiB)", target: .package,
               expect: .clearError(prefix: "{base}{packagePath}: response body exceeds 20971520 bytes")) { world in
        world.server!.inject(.body([UInt8](repeating: 0, count: 21 << 20)), path: CheckWorld.packagePath)
        return {}
    },
    CheckFault(faultClass: "check: stall past the timeout", name: ".crate download, timeout 2s, stall once, retried", target: .package,
               http: "timeout = \"2s\"\nretries = 1\n", expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.stall(seconds: 6), path: CheckWorld.packagePath)
        return {}
    },
    CheckFault(faultClass: "check: truncated gzip", name: "config.json, once, then served", target: .registryConfig,
               expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.gzipTruncated, path: "/index/config.json")
        return {}
    },
    CheckFault(faultClass: "check: HTTP 429/503 with Retry-After", name: "config.json, 429 Retry-After: 1", target: .registryConfig,
               expect: .retriedAndSucceeded(requests: 2)) { world in
        world.server!.inject(.status(429, headers: ["Retry-After": "1"]), path: "/index/config.json")
        return {}
    },
]

@Suite struct ReliabilityTests {
    @Test(arguments: checkFaults)
    func checkUnderAFault(_ fault: CheckFault) throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let server = try #require(world.server)
        if !fault.http.isEmpty {
            try (try String(contentsOfFile: world.config, encoding: .utf8) + "\n[http]\n" + fault.http)
                .write(toFile: world.config, atomically: true, encoding: .utf8)
        }
        let undo = try fault.inject(world)
        let r = try world.check()
        let stderrLines = r.stderr.split(separator: "\n").map(String.init)
        // The gate is reported open only when the evidence is the real, intact evidence.
        let reportedOpen = r.status == 0 || r.stdout.contains("OPEN")
        let outcome: String
        var wronglyOpened = false
        switch fault.expect {
        case .retriedAndSucceeded(let requests):
            outcome = "retried and succeeded"
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.lines.first == CheckWorld.openLine, "\(r.stdout)")
            #expect(server.requestCount(path: fault.target.path(in: world)) >= requests)
            wronglyOpened = reportedOpen && r.lines.first != CheckWorld.openLine
        case .clearError(let prefix, let contains):
            outcome = "clear error"
            let message = "gatekeeper: error: " + prefix.replacingOccurrences(of: "{base}", with: server.baseURL)
                .replacingOccurrences(of: "{indexPath}", with: world.indexPath)
                .replacingOccurrences(of: "{packagePath}", with: CheckWorld.packagePath)
                .replacingOccurrences(of: "{index}", with: world.scenario.indexURL)
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(stderrLines.count == 1, "one precise line: \(r.stderr)")
            #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
            #expect(contains.isEmpty || r.stderr.contains(contains), "\(r.stderr)")
            wronglyOpened = reportedOpen
        }

        // The fault removed, the same cache gives the right answer: nothing corrupt was kept.
        try undo()
        let again = try world.check()
        let recovered = again.status == 0 && again.lines.first == CheckWorld.openLine
        #expect(recovered, "second run: \(again.stdout)\(again.stderr)")
        #expect(!wronglyOpened)
        ReliabilityLog.record(fault.faultClass, fault.name, outcome, dataLost: !recovered, gateWronglyOpened: wronglyOpened)
    }
}

/// Where `gatekeeper check` is killed: while a download is on the wire, the server holding it.
struct CheckKill: CustomTestStringConvertible, Sendable {
    let name: String
    let path: @Sendable (CheckWorld) -> String
    /// A first, complete run, so the kill hits a warm cache (conditional requests, stored packages).
    var warm = false
    var testDescription: String { name }
}

let checkKills: [CheckKill] = [
    CheckKill(name: "while the index downloads, cold cache", path: { $0.indexPath }),
    CheckKill(name: "while the index revalidates, warm cache", path: { $0.indexPath }, warm: true),
    CheckKill(name: "while the .crate downloads", path: { _ in CheckWorld.packagePath }),
]

@Suite struct CheckKillReliabilityTests {
    /// SIGKILL mid-download (a CI job cancelled, the runner out of memory): the next run gives
    /// the right answer from the same cache, and the one after is a single 304.
    @Test(arguments: checkKills)
    func aCheckKilledMidDownloadLeavesAUsableCache(_ kill: CheckKill) throws {
        let world = try CheckWorld(.changelogConfirmsAll)
        let server = try #require(world.server)
        if kill.warm {
            let first = try world.check()
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            // A changed index, so the poll after the kill is answered 200 with a body, not 304.
            _ = try world.edit(world.scenario.registry + world.indexPath) { $0 + Data("\n".utf8) }
        }
        let path = kill.path(world)
        let seen = server.requestCount(path: path)
        server.inject(.stall(seconds: 20), path: path)
        let killed = try CLI.run(["check", "--repo", world.scenario.target, "--cache-dir", world.cache]) { process in
            let deadline = Date().addingTimeInterval(15)
            while server.requestCount(path: path) == seen, Date() < deadline { usleep(10_000) }
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
        #expect(killed.status == 9, "killed by SIGKILL: \(killed.stdout)\(killed.stderr)")
        #expect(server.requestCount(path: path) > seen, "the kill came while \(path) was on the wire")
        let reportedOpen = killed.stdout.contains("OPEN")

        let again = try world.check()
        let recovered = again.status == 0 && again.lines.first == CheckWorld.openLine
        #expect(recovered, "\(again.stdout)\(again.stderr)")
        let steady = try world.check()
        #expect(steady.lines.last == "requests: 1 (1 answered 304 Not Modified)", "\(steady.stdout)")
        let clean = recovered && steady.status == 0 && steady.lines.last == "requests: 1 (1 answered 304 Not Modified)"
        ReliabilityLog.record("check: process killed (SIGKILL) mid-download, then run again", kill.name,
                              clean ? "right answer on the next run" : "wrong answer on the next run",
                              dataLost: !clean, gateWronglyOpened: reportedOpen)
    }
}

// MARK: - rollout

extension RolloutWorld {
    /// What "the starting branch and the user's files" are: main's commit and every tracked
    /// file on it, by blob hash (so byte for byte).
    func mainSnapshot() throws -> String {
        try git(["rev-parse", "main"]) + "\n" + git(["ls-tree", "-r", "main"])
    }

    /// The working tree's bytes of every file main tracks, after checking main out again.
    func filesOnMain() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try git(["ls-tree", "-r", "--name-only", "main"]).split(separator: "\n") {
            files[String(path)] = try Data(contentsOf: URL(fileURLWithPath: target + "/" + path))
        }
        return files
    }

    /// A config file outside the repository: the repository's own, with `change` applied.
    func externalConfig(_ change: (String) -> String) throws -> String {
        let path = dir.path("alt-gatekeeper.toml")
        try change(try read("gatekeeper.toml")).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes `local.env`, ignored through .git/info/exclude (so the tree stays clean), and
    /// returns its bytes.
    func addIgnoredUserFile() throws -> Data {
        let bytes = Data("OPENROUTER_BASE=http://127.0.0.1:1\n# \(UUID().uuidString)\n".utf8)
        let exclude = target + "/.git/info/exclude"
        try FileManager.default.createDirectory(atPath: target + "/.git/info", withIntermediateDirectories: true)
        let existing = (try? String(contentsOfFile: exclude, encoding: .utf8)) ?? ""
        try (existing + "local.env\n").write(toFile: exclude, atomically: true, encoding: .utf8)
        try bytes.write(to: URL(fileURLWithPath: target + "/local.env"))
        return bytes
    }

    func ignoredUserFileIsIntact(_ bytes: Data) throws -> Bool {
        let tracked = try git(["ls-tree", "-r", "--name-only", RolloutWorld.branch]).split(separator: "\n")
        return (try? Data(contentsOf: URL(fileURLWithPath: target + "/local.env"))) == bytes && !tracked.contains("local.env")
    }

    /// Runs the rollout again (`--resume`, or a plain rerun once the fault is gone) and expects
    /// it to finish as an uninterrupted one would; returns what `completedCorrectly` found.
    func finish(_ args: [String], mainBefore: String, filesBefore: [String: Data],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> (completed: Bool, dataLost: Bool) {
        let r = try rollout(["--version", "0.1.2"] + args)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        let result = try completedCorrectly(mainBefore: mainBefore, filesBefore: filesBefore)
        #expect(result.completed, sourceLocation: sourceLocation)
        #expect(!result.dataLost, "main and its files byte-identical", sourceLocation: sourceLocation)
        return (result.completed && r.status == 0, result.dataLost)
    }

    /// The rollout finished as an uninterrupted one would: one commit on the rollout branch, on
    /// top of main, holding every file a rollout changes; the bundle's diff shows each of them;
    /// the evidence verifies; nothing is left uncommitted; main and its files are untouched.
    func completedCorrectly(mainBefore: String, filesBefore: [String: Data]) throws -> (completed: Bool, dataLost: Bool) {
        let subject = try git(["log", "-1", "--format=%s", RolloutWorld.branch])
        let onTopOfMain = try git(["rev-list", "main..\(RolloutWorld.branch)"]).split(separator: "\n").count == 1
            && git(["rev-parse", "\(RolloutWorld.branch)^"]) == git(["rev-parse", "main"])
        let committed = Set(try git(["show", "--name-only", "--format=", RolloutWorld.branch]).split(separator: "\n").map(String.init))
        let rolloutFiles = UsageFixScenario.manifests + ["Cargo.lock", "bindings/alchemy_llm_py/Cargo.lock"]
        let allCommitted = Set(rolloutFiles + ["PLAN.md", "\(RolloutWorld.evidence)/SHA256SUMS"]).isSubset(of: committed)
        let diff = try read("\(RolloutWorld.evidence)/manifests.diff")
        let diffShowsAll = rolloutFiles.allSatisfy { diff.contains("--- a/\($0)\n") }
        let verified = try CLI.run(["evidence", "verify", target + "/" + RolloutWorld.evidence]).status == 0
        let clean = try git(["status", "--porcelain"]).isEmpty
        #expect(onTopOfMain, "one commit on top of main")
        #expect(allCommitted, "committed: \(committed.sorted())")
        #expect(diffShowsAll, "manifests.diff: \(diff)")
        let mainSame = try mainSnapshot() == mainBefore
        try git(["checkout", "-q", "main"])
        let filesSame = try filesOnMain() == filesBefore
        let completed = subject == "Bump alchemy-llm from 0.1.1 to 0.1.2" && onTopOfMain && allCommitted && diffShowsAll && verified && clean
        return (completed, !(mainSame && filesSame))
    }
}

/// Where the rollout process dies: inside a command a step runs, or at one of the rollout's
/// own failpoints around a step (GATEKEEPER_FAILPOINT, see Rollout.failpoint).
struct KillPoint: CustomTestStringConvertible, Sendable {
    enum Moment: String, Sendable {
        /// From inside the step's own command (a capture command, a QA command).
        case during
        /// Before the step starts.
        case before
        /// The step's work is done (files moved, commit made) but not yet recorded.
        case unrecorded
        /// Right after the step is recorded as done.
        case recorded
    }
    let moment: Moment
    let step: RolloutStep
    var testDescription: String {
        switch moment {
        case .during: return "\(step.rawValue): inside its command"
        case .before: return "\(step.rawValue): before it starts"
        case .unrecorded: return "\(step.rawValue): work done, not yet recorded"
        case .recorded: return "\(step.rawValue): recorded as done"
        }
    }
}

@Suite(.serialized) struct RolloutReliabilityTests {
    static let killPoints: [KillPoint] = [KillPoint(moment: .before, step: .branch)]
        + [RolloutStep.captures, .qa].map { KillPoint(moment: .during, step: $0) }
        + RolloutStep.allCases.map { KillPoint(moment: .unrecorded, step: $0) }
        + RolloutStep.allCases.map { KillPoint(moment: .recorded, step: $0) }

    /// The process dies (SIGKILL: a crash, an OOM kill, a CI timeout) at every point in turn;
    /// `--resume` completes the rollout, and main with its files stays byte-identical.
    @Test(arguments: killPoints)
    func killedThenResumed(_ point: KillPoint) throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gk-rel-kill-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let killOnce = "if [ ! -e \(marker) ]; then touch \(marker); kill -9 $PPID; sleep 5; fi"
        let inQA = point.moment == .during && point.step == .qa
        let world = try RolloutWorld(qa: inQA ? ["sh scripts/qa.sh", killOnce] : nil)
        if point.moment == .during && point.step == .captures {
            let config = world.target + "/gatekeeper.toml"
            try world.read("gatekeeper.toml")
                .replacingOccurrences(of: "rust   = \"python3 scripts/capture.py", with: "rust   = \"\(killOnce); python3 scripts/capture.py")
                .write(toFile: config, atomically: true, encoding: .utf8)
            try world.git(["commit", "-qam", "a capture command that dies once"])
        }
        // A file of the user's that git ignores (a local .env) must come through byte for byte too.
        let ignored = try world.addIgnoredUserFile()
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        let hook = point.moment == .during ? [:] : ["GATEKEEPER_FAILPOINT": "\(point.moment.rawValue):\(point.step.rawValue)"]
        let first = try world.rollout(["--version", "0.1.2"], environment: hook)
        #expect(first.status == 9, "killed by SIGKILL at \(point.testDescription): \(first.stdout)\(first.stderr)")
        #expect(try world.mainSnapshot() == mainBefore, "main untouched after the kill")

        var (completed, dataLost) = try world.finish(["--resume"], mainBefore: mainBefore, filesBefore: filesBefore)
        let ignoredKept = try world.ignoredUserFileIsIntact(ignored)
        #expect(ignoredKept, "the ignored local file is byte-identical")
        dataLost = dataLost || !ignoredKept
        ReliabilityLog.record("rollout: process killed (SIGKILL), then --resume", point.testDescription,
                              completed ? "resumed and completed" : "did not complete", dataLost: dataLost, gateWronglyOpened: false)
    }

    @Test func anIndexLockHeldByAnotherProcessIsAClearErrorAndChangesNothing() throws {
        let world = try RolloutWorld()
        let lock = world.target + "/.git/index.lock"
        try Data().write(to: URL(fileURLWithPath: lock))
        let before = try world.snapshot()
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "gatekeeper: error: \(lock) exists: another git process is using this repository; wait for it, or remove the file if none is running\n")
        #expect(FileManager.default.fileExists(atPath: lock), "another process's lock is left alone")
        // What the user has is untouched: still on main, same commit, same files, same status.
        #expect(try world.git(["symbolic-ref", "HEAD"]) == "refs/heads/main")
        #expect(try world.mainSnapshot() == mainBefore)
        #expect(try world.filesOnMain() == filesBefore)
        let unchanged = try world.snapshot() == before
        #expect(unchanged, "nothing changed while the lock was held")

        try FileManager.default.removeItem(atPath: lock)
        let (completed, dataLost) = try world.finish([], mainBefore: mainBefore, filesBefore: filesBefore)
        ReliabilityLog.record("rollout: index.lock held", "lock present before the run: refused before any change, then a plain rerun completes",
                              completed ? "clear error" : "did not complete", dataLost: dataLost, gateWronglyOpened: false)
    }

    @Test func anIndexLockTakenDuringTheRolloutStopsTheCommitThenResumes() throws {
        // Another git process (an editor's background `git status`) takes the lock while QA runs.
        let world = try RolloutWorld(qa: ["sh scripts/qa.sh", "touch .git/index.lock"])
        let lock = world.target + "/.git/index.lock"
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at commit: \(lock) exists: another git process is using this repository; wait for it, or remove the file if none is running\n"),
                "the commit step names the lock: \(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: lock), "another process's lock is left alone")
        #expect(!(try world.git(["log", "--format=%s", RolloutWorld.branch]).contains("Bump")), "nothing committed")
        #expect(try world.mainSnapshot() == mainBefore)

        try FileManager.default.removeItem(atPath: lock)
        let (completed, dataLost) = try world.finish(["--resume"], mainBefore: mainBefore, filesBefore: filesBefore)
        ReliabilityLog.record("rollout: index.lock held", "lock taken while QA runs: the commit step stops, --resume after it is gone completes",
                              completed ? "clear error" : "did not complete", dataLost: dataLost, gateWronglyOpened: false)
    }

    @Test func aReadOnlyEvidenceFolderFailsClearlyAndResumes() throws {
        let world = try RolloutWorld()
        let parent = world.target + "/data/evidence"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // Root ignores permission bits: an immutable folder (chattr +i) is read-only even for root.
        let asRoot = getuid() == 0
        if asRoot {
            let made = try TestProcess.run("chattr", ["+i", parent], mergeErrors: true)
            guard made.status == 0 else {
                print("SKIPPED read-only evidence folder: running as root and chattr +i failed (\(made.output)); no way to make a folder read-only for root here")
                return
            }
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: parent)
        }
        let unlock = {
            if asRoot { _ = try? TestProcess.run("chattr", ["-i", parent]) }
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent)
        }
        defer { unlock() }
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        let r = try world.rollout(["--version", "0.1.2"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at refresh lockfiles: "), "\(r.stdout)")
        #expect(r.stdout.contains("/data/evidence/alchemy-llm-0.1.2/lockfiles.log: cannot write: cannot create "), "the message names the folder: \(r.stdout)")
        #expect(!(try world.git(["log", "--format=%s", RolloutWorld.branch]).contains("Bump")), "nothing committed")
        #expect(try world.mainSnapshot() == mainBefore)

        unlock()
        let (completed, dataLost) = try world.finish(["--resume"], mainBefore: mainBefore, filesBefore: filesBefore)
        ReliabilityLog.record("rollout: read-only evidence folder", asRoot ? "chattr +i on data/evidence (root)" : "chmod 555 on data/evidence",
                              completed ? "clear error" : "did not complete", dataLost: dataLost, gateWronglyOpened: false)
    }

    @Test func aFailingLockfileCommandStopsThenResumesAfterTheFix() throws {
        let world = try RolloutWorld()
        let mainBefore = try world.mainSnapshot()
        let filesBefore = try world.filesOnMain()
        let broken = try world.externalConfig { $0.replacingOccurrences(of: "[rollout]\n", with: "[rollout]\nlockfile = \"false\"\n") }
        let r = try world.rollout(["--version", "0.1.2", "--config", broken])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at refresh lockfiles: Cargo.lock: `false` exited with status 1"), "\(r.stdout)")
        #expect(try world.mainSnapshot() == mainBefore, "the starting branch is byte-identical")

        let (completed, dataLost) = try world.finish(["--resume"], mainBefore: mainBefore, filesBefore: filesBefore)
        ReliabilityLog.record("rollout: lockfile command fails", "lockfile = \"false\", then --resume with the fixed config",
                              completed ? "clear error" : "did not complete", dataLost: dataLost, gateWronglyOpened: false)
    }
}
