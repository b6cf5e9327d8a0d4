import Cargo
import Checks
import DemoWorld
import Foundation
import Runbook
import Testing
@testable import TOML

@Suite struct LockfileCargoSetupTests {
    @Test func configFormsForServedAndLocalRegistries() {
        let served = CargoSetup.configText(registryURL: "http://127.0.0.1:8080/index")
        #expect(served.contains("[source.crates-io]\nreplace-with = \"gatekeeper-fixture\""))
        #expect(served.contains("registry = \"sparse+http://127.0.0.1:8080/index/\""))
        #expect(!served.contains("offline"), "a served registry is fetched, from loopback only")
        #expect(CargoSetup.configText(registryURL: "sparse+http://127.0.0.1:1/index/").contains("registry = \"sparse+http://127.0.0.1:1/index/\""))

        let local = CargoSetup.configText(registryURL: "/tmp/world/./registry")
        #expect(local.contains("local-registry = \"/tmp/world/registry\""))
        #expect(local.hasSuffix("[net]\noffline = true\n"))
        #expect(CargoSetup.configText(registryURL: "file:///tmp/world/registry").contains("local-registry = \"/tmp/world/registry\""))
        #expect(throws: Never.self) { try TOMLReader.parse(local) }
    }

    /// The shared scenario with cargo: the target's commit holds the config and both lockfiles
    /// at the pinned version, and the work tree is clean.
    @Test func scenarioCommitsConfigAndLockfilesAtThePinnedVersion() throws {
        let scratch = try LockfileScratch()
        let scenario = try UsageFixScenario.make(at: scratch.sub("world"), variant: .changelogConfirmsAll, cargoHome: scratch.sub("cargo-home"))
        let config = try String(contentsOfFile: "\(scenario.target)/.cargo/config.toml", encoding: .utf8)
        #expect(config.contains("local-registry = \"\(scenario.registry)\""))
        for lockfile in ["Cargo.lock", "bindings/alchemy_llm_py/Cargo.lock"] {
            let text = try String(contentsOfFile: "\(scenario.target)/\(lockfile)", encoding: .utf8)
            let entries = try CargoLock(text: text, file: lockfile).versions(of: "alchemy-llm")
            #expect(entries.map(\.version) == ["0.1.1"])
            #expect(entries.map(\.checksum) == [scenario.checksums["alchemy-llm@0.1.1"]])
        }
        let log = scratch.sub("git-status.log")
        let status = try ShellCommand("git status --porcelain --untracked-files=all", in: scenario.target).run(log: log)
        let dirty = try String(contentsOfFile: log, encoding: .utf8)
        #expect(status.exitCode == 0 && dirty.isEmpty, "clean work tree: \(dirty)")
    }
}
