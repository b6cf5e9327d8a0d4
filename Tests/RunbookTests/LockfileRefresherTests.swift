import Checks
import DemoWorld
import Foundation
import Runbook
import Testing
import TestSupport
@testable import Cargo

/// A target repository locked at alchemy-llm 0.1.1 by the real cargo against a fixture
/// registry that also publishes 0.1.2; cargo reaches only that registry (source replacement
/// and an isolated CARGO_HOME per test).
final class LockfileWorld {
    let scratch: LockfileScratch
    let server: LoopbackHTTPServer?
    let repo: String
    let cargoHome: String
    let checksums: [String: String]
    let plans: [LockfilePlan]
    /// PATH with cargo's folder first, for the lockfile command.
    let environment: [String: String]

    static let template = "cargo update --manifest-path {manifest} --package {dependency} --precise {version}"

    init(overHTTP: Bool = false) throws {
        scratch = try LockfileScratch()
        let registry = scratch.sub("registry")
        try FileManager.default.createDirectory(atPath: registry, withIntermediateDirectories: true)
        server = overHTTP ? try LoopbackHTTPServer(root: registry) : nil
        let base = server?.baseURL ?? "file://\(registry)"
        let releases = ["0.1.1", "0.1.2"].map { RegistryFixture.Release(name: "alchemy-llm", version: $0) }
        checksums = try RegistryFixture.write(releases, to: registry, downloadBase: "\(base)/crates")
        repo = scratch.sub("target")
        cargoHome = scratch.sub("cargo-home")
        let cargo = CargoSetup.Locking(registryURL: server.map { "sparse+\($0.baseURL)/index/" } ?? registry,
                                       cargoHome: cargoHome, precise: ["alchemy-llm": "0.1.1"])
        try TargetRepository.write(at: repo, indexURL: "\(base)/index/", upstream: scratch.sub("upstream"),
                                   fixCommit: String(repeating: "0", count: 40), cargo: cargo)
        plans = Lockfiles.plan(manifests: UsageFixScenario.manifests, repoRoot: repo)
        let cargoPath = try #require(CargoSetup.locateCargo(), "cargo is needed for these tests (rustup, or apt-get install cargo)")
        let path = (cargoPath as NSString).deletingLastPathComponent + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        environment = ["CARGO_HOME": cargoHome, "PATH": path]
    }

    func locked(_ lockfile: String) throws -> [(version: String, checksum: String?)] {
        try CargoLock(text: String(contentsOfFile: "\(repo)/\(lockfile)", encoding: .utf8), file: lockfile).versions(of: "alchemy-llm").map { ($0.version, $0.checksum) }
    }
}

@Suite(.serialized) struct LockfileRefresherTests {
    let v012 = try! SemVer("0.1.2")

    @Test func bothLockfilesMoveToTheNewVersionWithTheRegistryChecksum() throws {
        let world = try LockfileWorld()
        #expect(world.plans == [LockfilePlan(lockfile: "Cargo.lock", manifest: "Cargo.toml"),
                                LockfilePlan(lockfile: "bindings/alchemy_llm_py/Cargo.lock", manifest: "bindings/alchemy_llm_py/Cargo.toml")])
        for plan in world.plans {
            #expect(try world.locked(plan.lockfile).map(\.version) == ["0.1.1"], "the fixture locks the pinned version")
        }
        let results = try LockfileRefresher.refresh(plans: world.plans, template: LockfileWorld.template, dependency: "alchemy-llm",
                                                    version: v012, repoRoot: world.repo, extraEnvironment: world.environment)
        #expect(results.map(\.command) == [
            "cargo update --manifest-path Cargo.toml --package alchemy-llm --precise 0.1.2",
            "cargo update --manifest-path bindings/alchemy_llm_py/Cargo.toml --package alchemy-llm --precise 0.1.2",
        ])
        #expect(results.allSatisfy { $0.exitCode == 0 && $0.output.contains("alchemy-llm v0.1.1 -> v0.1.2") })
        for plan in world.plans {
            let entries = try world.locked(plan.lockfile)
            #expect(entries.map(\.version) == ["0.1.2"])
            #expect(entries.first?.checksum == world.checksums["alchemy-llm@0.1.2"], "cargo's checksum is the registry's")
        }
    }

    @Test func overLoopbackSparseHTTP() throws {
        let world = try LockfileWorld(overHTTP: true)
        defer { world.server?.stop() }
        _ = try LockfileRefresher.refresh(plans: world.plans, template: LockfileWorld.template, dependency: "alchemy-llm",
                                          version: v012, repoRoot: world.repo, extraEnvironment: world.environment)
        for plan in world.plans {
            #expect(try world.locked(plan.lockfile).map(\.checksum) == [world.checksums["alchemy-llm@0.1.2"]])
        }
        #expect(world.server?.requestCount(path: "/index/al/ch/alchemy-llm") ?? 0 > 0, "cargo read the index from the loopback server")
    }

    @Test func aFailingCommandCarriesCargosMessage() throws {
        let world = try LockfileWorld()
        let before = try String(contentsOfFile: "\(world.repo)/Cargo.lock", encoding: .utf8)
        do {
            _ = try LockfileRefresher.refresh(plans: world.plans, template: "cargo update --manifest-path {manifest} --package {dependency} --precise 9.9.9",
                                              dependency: "alchemy-llm", version: v012, repoRoot: world.repo, extraEnvironment: world.environment)
            Issue.record("expected an error")
        } catch let e as LockfileError {
            #expect(e.kind == .commandFailed)
            #expect(e.exitCode == 101)
            #expect(e.file == "Cargo.lock")
            #expect(e.outputTail.contains("error: no matching package named `alchemy-llm` found"))
            #expect(e.description.hasPrefix("Cargo.lock: `cargo update --manifest-path Cargo.toml --package alchemy-llm --precise 9.9.9` exited with status 101: error: "))
            #expect(e.results.count == 1, "it stops at the first lockfile")
        }
        #expect(try String(contentsOfFile: "\(world.repo)/Cargo.lock", encoding: .utf8) == before)
    }

    @Test func noCargoOnPathIsAClearError() throws {
        let repo = try LockfileScratch()
        try repo.write(["Cargo.toml": "[package]\nname = \"p\"\nversion = \"0.1.0\"\n", "Cargo.lock": "version = 4\n", "empty/.keep": ""])
        do {
            _ = try LockfileRefresher.refresh(plans: [LockfilePlan(lockfile: "Cargo.lock", manifest: "Cargo.toml")], template: LockfileWorld.template,
                                              dependency: "alchemy-llm", version: v012, repoRoot: repo.path,
                                              extraEnvironment: ["PATH": repo.sub("empty")])
            Issue.record("expected an error")
        } catch let e as LockfileError {
            #expect(e.kind == .cargoMissing)
            #expect(e.description == "cargo is not on PATH; install Rust's cargo or set [rollout] lockfile")
        }
        #expect(throws: LockfileError.self) {
            try LockfileRefresher.preflight(template: "CARGO_NET_OFFLINE=true cargo update", environment: ["PATH": repo.sub("empty")], repoRoot: repo.path)
        }
        #expect(throws: Never.self) {
            try LockfileRefresher.preflight(template: "./scripts/lock.sh {manifest}", environment: ["PATH": repo.sub("empty")], repoRoot: repo.path)
        }
    }

    @Test func aCommandThatLeavesTheLockfileAloneIsCaught() throws {
        let repo = try LockfileScratch()
        let lock = "version = 4\n\n[[package]]\nname = \"alchemy-llm\"\nversion = \"0.1.1\"\n"
        try repo.write(["Cargo.toml": "", "Cargo.lock": lock, "sub/Cargo.toml": "", "sub/Cargo.lock": lock])
        let plans = [LockfilePlan(lockfile: "Cargo.lock", manifest: "Cargo.toml"), LockfilePlan(lockfile: "sub/Cargo.lock", manifest: "sub/Cargo.toml")]
        do {
            _ = try LockfileRefresher.refresh(plans: plans, template: "echo {manifest} {dependency} {version} {lockfile} {other}",
                                              dependency: "alchemy-llm", version: v012, repoRoot: repo.path)
            Issue.record("expected an error")
        } catch let e as LockfileError {
            #expect(e.kind == .notUpdated)
            #expect(e.description == "Cargo.lock: does not record alchemy-llm 0.1.2 after the lockfile command (records 0.1.1)")
            #expect(e.results.map(\.output) == ["Cargo.toml alchemy-llm 0.1.2 Cargo.lock {other}"])
        }
        // A command that adds the new version but keeps the old compatible one did not update it.
        let both = lock + "\n[[package]]\nname = \"alchemy-llm\"\nversion = \"0.1.2\"\n"
        do {
            _ = try LockfileRefresher.refresh(plans: [plans[1]], template: "printf '%s' '\(both)' > {lockfile}",
                                              dependency: "alchemy-llm", version: v012, repoRoot: repo.path)
            Issue.record("expected an error")
        } catch let e as LockfileError {
            #expect(e.description == "sub/Cargo.lock: still records alchemy-llm 0.1.1 beside 0.1.2")
        }
    }

    @Test func placeholderValuesAreQuotedForTheShell() throws {
        let repo = try LockfileScratch()
        let lock = "[[package]]\nname = \"alchemy-llm\"\nversion = \"0.1.2\"\n"
        try repo.write(["my crate/Cargo.toml": "", "my crate/Cargo.lock": lock])
        let results = try LockfileRefresher.refresh(plans: [LockfilePlan(lockfile: "my crate/Cargo.lock", manifest: "my crate/Cargo.toml")],
                                                    template: "test -f {manifest} && echo ok", dependency: "alchemy-llm", version: v012,
                                                    repoRoot: repo.path)
        #expect(results.map(\.command) == ["test -f 'my crate/Cargo.toml' && echo ok"])
        #expect(results.map(\.output) == ["ok"])
    }
}
