import DemoWorld
import Foundation
import TestSupport
import Usage

/// `gatekeeper check` on loopback: the steady-state cost of one gate against `curl` fetching
/// the same index file, the same with a 200-file package (what comparing a package with its
/// upstream tree will cost), and a thousand gates at once against the same thousand one at a time.
struct CheckBench {
    var runs = 10
    var gates = 1000
    /// Simulated network round trip per response for the many-gates part.
    var latency = 0.005
    var keep = false
    /// Another gatekeeper binary (an earlier build) timed in alternation with this one on the
    /// one-gate rows, so a before/after comparison shares the machine's moment-to-moment load.
    var against: String?

    var gatekeeper: String { (BenchFiles.ownExecutable as NSString).deletingLastPathComponent + "/gatekeeper" }

    func run() throws {
        guard BenchFiles.exists(gatekeeper) else { throw SpawnError(description: "no gatekeeper binary beside gatekeeper-bench at \(gatekeeper)") }
        let tmp = try BenchFiles.makeTemporaryDirectory()
        defer { if !keep { BenchFiles.remove(tmp) } else { print("kept \(tmp)") } }
        let smallPackage = try singleGate(in: tmp + "/single")
        if against != nil { return }
        try largePackage(in: tmp + "/large", smallPackage: smallPackage)
        try manyGates(in: tmp + "/many")
    }

    // MARK: one gate, warm

    /// Returns the full gate's warm median wall, which the 200-file package is compared with.
    @discardableResult
    func singleGate(in dir: String) throws -> Double {
        try BenchFiles.makeDirectory(dir + "/world/registry")
        let server = try LoopbackHTTPServer(root: dir + "/world/registry")
        defer { server.stop() }
        let world = try UsageFixScenario.make(at: dir + "/world", variant: .changelogConfirmsAll, registryURL: server.baseURL)
        let indexURL = world.indexURL + "al/ch/alchemy-llm"
        // The registry poll alone (no upstream), and the full gate with upstream evidence.
        let registryOnly = dir + "/registry-only.toml"
        try String(contentsOfFile: world.target + "/gatekeeper.toml", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("upstream") && !$0.hasPrefix("fix_commit") }
            .joined(separator: "\n").appending("\n").write(toFile: registryOnly, atomically: true, encoding: .utf8)

        print("")
        print("gatekeeper check, one gate, warm cache, loopback registry: \(runs) runs each, median wall")
        let curl = try median((0..<runs).map { _ in try time(["curl", "-s", "-o", "/dev/null", indexURL], dir: dir) })
        var rows: [(String, Double, Double)] = []
        var earlier: [(String, Double)] = []
        for (name, config) in [("registry poll", registryOnly), ("full gate (upstream too)", world.target + "/gatekeeper.toml")] {
            let cache = dir + "/cache-\(rows.count)"
            let argv = { (binary: String, cache: String) in [binary, "check", "--repo", world.target, "--config", config, "--cache-dir", cache] }
            _ = try time(argv(gatekeeper, cache), dir: dir, expect: 0)
            if let against { _ = try time(argv(against, cache + "-against"), dir: dir, expect: 0) }
            var walls: [Double] = [], againstWalls: [Double] = []
            var requests = 0
            for _ in 0..<runs {
                server.resetLog()
                walls.append(try time(argv(gatekeeper, cache), dir: dir, expect: 0))
                requests += server.requests.count
                if let against { againstWalls.append(try time(argv(against, cache + "-against"), dir: dir, expect: 0)) }
            }
            rows.append((name, try median(walls), Double(requests) / Double(runs)))
            if against != nil { earlier.append((name, try median(againstWalls))) }
        }
        print("  curl -s -o /dev/null (the index file)   \(fmt(curl * 1000, 1)) ms")
        for (name, wall, requests) in rows {
            print("  gatekeeper check, \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(fmt(wall * 1000, 1)) ms  \(fmt(requests, 2)) requests per poll  ratio to curl \(fmt(wall / curl, 2))")
        }
        if let against { print("  --against is \(against)") }
        for ((name, wall), row) in zip(earlier, rows) {
            let change = (row.1 - wall) / wall * 100
            print("  --against, \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(fmt(wall * 1000, 1)) ms  ratio to curl \(fmt(wall / curl, 2))  (this build \(change >= 0 ? "+" : "")\(fmt(change, 1))%)")
        }
        let poll = rows[0]
        print("target: requests per warm poll = 1  \(poll.2 == 1 ? "PASS" : "MISS") (\(fmt(poll.2, 2)))")
        print("target: warm poll wall <= 2x curl  \(poll.1 <= 2 * curl ? "PASS" : "MISS") (\(fmt(poll.1 / curl, 2))x)")
        return rows[1].1
    }

    // MARK: one gate, warm, a 200-file package

    /// The full gate again, on a world whose package holds the ~200 files of its release commit
    /// (`LargePackageWorld`). Its cost above the small package's is what the package's size
    /// costs a warm check: comparing every file with the upstream tree must keep it within
    /// `largePackageBudget`.
    func largePackage(in dir: String, smallPackage: Double) throws {
        try BenchFiles.makeDirectory(dir + "/world/registry")
        let server = try LoopbackHTTPServer(root: dir + "/world/registry")
        defer { server.stop() }
        let world = try LargePackageWorld.make(at: dir + "/world", registryURL: server.baseURL)
        let crate = world.registry + "/crates/alchemy-llm/alchemy-llm-0.1.2.crate"
        let crateBytes = (try? FileManager.default.attributesOfItem(atPath: crate)[.size] as? Int) ?? 0
        let sourceBytes = world.tree.values.reduce(0) { $0 + $1.utf8.count }
        // The same gate with the package ⇄ source comparison turned off: the difference is what
        // comparing every file with the upstream tree costs.
        let unverified = dir + "/unverified.toml"
        try String(contentsOfFile: world.target + "/gatekeeper.toml", encoding: .utf8)
            .replacingOccurrences(of: "preset     = \"usage-semantics\"", with: "preset     = \"usage-semantics\"\nverify_sources = false")
            .write(toFile: unverified, atomically: true, encoding: .utf8)
        var warms: [Double] = []
        var cold = 0.0, requests = 0.0
        for (k, config) in [world.target + "/gatekeeper.toml", unverified].enumerated() {
            let args = [gatekeeper, "check", "--repo", world.target, "--config", config, "--cache-dir", dir + "/cache-\(k)"]
            let first = try time(args, dir: dir, expect: 0)
            server.resetLog()
            warms.append(try median((0..<runs).map { _ in try time(args, dir: dir, expect: 0) }))
            if k == 0 {
                cold = first
                requests = Double(server.requests.count) / Double(runs)
            }
        }
        let warm = warms[0], added = warms[0] - warms[1]
        let extra = warm - smallPackage

        print("")
        print("gatekeeper check, one gate, warm cache, a \(world.tree.count)-file package: \(runs) runs, median wall")
        print("  package 0.1.2: \(world.tree.count + 2) entries, \(fmt(Double(sourceBytes) / 1e3, 0)) kB of files, \(fmt(Double(crateBytes) / 1e3, 0)) kB .crate")
        print("  gatekeeper check, full gate, \(world.tree.count)-file package  \(fmt(warm * 1000, 1)) ms  \(fmt(requests, 2)) requests per poll  (cold \(fmt(cold * 1000, 1)) ms)")
        print("  the same with verify_sources = false          \(fmt(warms[1] * 1000, 1)) ms")
        print("  added by comparing the package with its tree  \(added >= 0 ? "+" : "")\(fmt(added * 1000, 1)) ms")
        print("  above the small package's full gate           \(extra >= 0 ? "+" : "")\(fmt(extra * 1000, 1)) ms")
        print("target: package ⇄ source comparison adds <= \(fmt(Self.largePackageBudget * 1000, 0)) ms  \(added <= Self.largePackageBudget ? "PASS" : "MISS") (\(added >= 0 ? "+" : "")\(fmt(added * 1000, 1)) ms)")
    }

    /// What comparing a 200-file package with its tree may add to a warm check.
    static let largePackageBudget = 0.100

    // MARK: a thousand gates

    func manyGates(in dir: String) throws {
        try BenchFiles.makeDirectory(dir + "/registry")
        let server = try LoopbackHTTPServer(root: dir + "/registry")
        defer { server.stop() }
        let names = (0..<gates).map { String(format: "gk-bench-%04d", $0) }
        let changelog = """
            # Changelog

            ## [0.1.1] - 2026-02-12
            - usage is provider-raw: `input` = `prompt_tokens`
            - prefer the provider's `total_tokens` when present
            - parse `cache_read_input_tokens` and `cache_creation_input_tokens`
            - silent overflow check uses `input` only

            ## [0.1.0] - 2026-02-11
            - first release
            """
        let releases = names.flatMap { name in
            [RegistryFixture.Release(name: name, version: "0.1.0"),
             RegistryFixture.Release(name: name, version: "0.1.1", files: ["CHANGELOG.md": changelog])]
        }
        _ = try RegistryFixture.write(releases, to: dir + "/registry", downloadBase: server.baseURL + "/crates")
        try BenchFiles.makeDirectory(dir + "/target")
        let manifest = "[package]\nname = \"many\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n"
            + names.map { "\($0) = \"0.1.0\"\n" }.joined()
        try manifest.write(toFile: dir + "/target/Cargo.toml", atomically: true, encoding: .utf8)
        let gateTables = names.map { "[[gate]]\ndependency = \"\($0)\"\nmanifests = [\"Cargo.toml\"]\nindex = \"\(server.baseURL)/index/\"\npreset = \"usage-semantics\"\n" }.joined(separator: "\n")
        // The concurrent run uses gatekeeper's default; the sequential one asks for one at a time.
        try gateTables.write(toFile: dir + "/concurrent.toml", atomically: true, encoding: .utf8)
        try (gateTables + "\n[http]\nconcurrency = 1\n").write(toFile: dir + "/sequential.toml", atomically: true, encoding: .utf8)

        server.latency = latency
        print("")
        print("gatekeeper check, \(gates) gates, loopback registry answering after \(fmt(latency * 1000, 0)) ms (a simulated round trip)")
        var figures: [String: Double] = [:]
        for mode in ["concurrent", "sequential"] {
            let cache = dir + "/cache-\(mode)"
            let args = [gatekeeper, "check", "--repo", dir + "/target", "--config", dir + "/\(mode).toml", "--cache-dir", cache]
            server.resetLog()
            figures["\(mode) cold"] = try time(args, dir: dir, expect: 0)
            let coldRequests = server.requests.count
            server.resetLog()
            figures["\(mode) warm"] = try time(args, dir: dir, expect: 0)
            print("  \(mode.padding(toLength: 10, withPad: " ", startingAt: 0)) (concurrency \(mode == "concurrent" ? "default" : "1"))  cold \(fmt(figures["\(mode) cold"]!, 2)) s (\(coldRequests) requests)  warm \(fmt(figures["\(mode) warm"]!, 2)) s (\(server.requests.count) requests)")
        }
        let coldGain = figures["sequential cold"]! / figures["concurrent cold"]!
        let warmGain = figures["sequential warm"]! / figures["concurrent warm"]!
        print("  concurrent vs sequential: cold \(fmt(coldGain, 1))x faster, warm \(fmt(warmGain, 1))x faster")
        print("target: >= 10x faster than sequential  \(min(coldGain, warmGain) >= 10 ? "PASS" : "MISS") (cold \(fmt(coldGain, 1))x, warm \(fmt(warmGain, 1))x)")
        print("target: warm under 1 s  \(figures["concurrent warm"]! < 1 ? "PASS" : "MISS") (\(fmt(figures["concurrent warm"]!, 2)) s)")
    }

    // MARK: helpers

    private func time(_ argv: [String], dir: String, expect: Int32? = nil) throws -> Double {
        let result = try ChildProcess.run(argv, stdout: dir + "/last.out", stderr: dir + "/last.err")
        if let expect, result.status != expect {
            throw SpawnError(description: "\(argv.joined(separator: " ")) exited \(result.status):\n\(BenchFiles.tail(dir + "/last.out"))\n\(BenchFiles.tail(dir + "/last.err"))")
        }
        return result.wallSeconds
    }

    private func median(_ values: [Double]) throws -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { throw SpawnError(description: "no runs") }
        return sorted[sorted.count / 2]
    }

    private func fmt(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
