import Checks
import DemoWorld
import Foundation
import Git
import TestSupport

/// `gatekeeper rollout` overhead — everything but QA and cargo — on a target repository of
/// about 600 files with two 10 MB captures and QA `true`, against a shell script doing the same
/// mechanics with the git CLI and sha256sum; then the same rollout with cargo's confirmation
/// of the lockfiles, timed apart.
struct RolloutBench {
    var runs = 3
    var files = 600
    var captureMB = 10.0
    var keep = false

    var gatekeeper: String { (BenchFiles.ownExecutable as NSString).deletingLastPathComponent + "/gatekeeper" }

    func run() throws {
        let tmp = try BenchFiles.makeTemporaryDirectory()
        defer { if !keep { BenchFiles.remove(tmp) } else { print("kept \(tmp)") } }
        let cargoHome = tmp + "/cargo-home"
        let world = try UsageFixScenario.make(at: tmp + "/world", variant: .changelogConfirmsAll, cargoHome: cargoHome)
        let target = world.target
        // A repository of realistic size, and a rollout config whose lockfile step is a shell
        // edit instead of cargo (cargo's time is not gatekeeper's overhead).
        var extra: [String: String?] = [:]
        for k in 0..<files { extra[String(format: "tinyagent/module_%03d/file_%03d.py", k / 20, k)] = "def f_\(k)():\n    return \(k)\n" }
        let config = try String(contentsOfFile: target + "/gatekeeper.toml", encoding: .utf8)
            .replacingOccurrences(of: "qa           = [\"sh scripts/qa.sh\"]",
                                  with: "qa           = [\"true\"]\nlockfile     = \"sh scripts/bump-lock.sh {version} {lockfile} \(world.checksums["alchemy-llm@0.1.2"] ?? "")\"")
            .components(separatedBy: "[rollout.captures]").first ?? ""
        extra["gatekeeper.toml"] = config
        // The version and its checksum, as cargo would write them: gatekeeper has cargo confirm the lockfile.
        extra["scripts/bump-lock.sh"] = "sed -i '/^name = \"alchemy-llm\"$/{n;s/0\\.1\\.1/'\"$1\"'/;n;n;s/^checksum = \".*\"$/checksum = \"'\"$3\"'\"/}' \"$2\"\n"
        let repo = try GitRepository.open(target)
        let author = GitSignature(name: "Bench", email: "bench@example.com", time: GitFixture.epoch + 60, offsetMinutes: 0)
        try repo.commitFiles(extra, message: "a realistic amount of files", author: author, parent: nil)
        try repo.forceCheckoutHead()

        let rust = tmp + "/rust.json", python = tmp + "/python.json"
        let bytes = Int(captureMB * 1e6)
        try CaptureFixture.write(targetBytes: bytes, .init(path: .rust), to: rust)
        try CaptureFixture.write(targetBytes: bytes, .init(path: .python), to: python)

        print("")
        print("gatekeeper rollout overhead: \(files + 12) files, captures \(String(format: "%.1f", Double(BenchFiles.size(rust)) / 1e6)) + \(String(format: "%.1f", Double(BenchFiles.size(python)) / 1e6)) MB, QA `true`, lockfiles edited by sed; \(runs) runs each, median")
        // gatekeeper's own overhead is timed with cargo off PATH (the rollout then says "not
        // confirmed by cargo"); the same rollout with cargo on PATH shows what cargo's
        // confirmation (`cargo metadata --locked --offline` per lockfile) adds on top.
        let withoutCargo = try BenchFiles.toolFolder(at: tmp + "/bin-without-cargo", tools: ["sh", "sed", "cat", "true"])
        var gk: [Double] = [], gkCargo: [Double] = [], script: [Double] = []
        for k in 0..<runs {
            let author = "GATEKEEPER_AUTHOR=Bench <bench@example.com>"
            func rollout(_ copy: String, path: String?) throws -> Double {
                _ = try ChildProcess.run(["cp", "-a", target, copy], stdout: "/dev/null", stderr: tmp + "/cp.err")
                // The copy's writeback would otherwise land inside the timed run.
                _ = try ChildProcess.run(["sync"], stdout: "/dev/null", stderr: tmp + "/cp.err")
                let g = try ChildProcess.run(["env", author] + (path.map { ["PATH=\($0)"] } ?? []) + [
                                              gatekeeper, "rollout", "--repo", copy, "--version", "0.1.2", "--skip-gate", "--reason", "benchmark",
                                              "--capture", "rust=\(rust)", "--capture", "python=\(python)", "--cache-dir", tmp + "/cache"],
                                             stdout: tmp + "/gk.out", stderr: tmp + "/gk.err")
                guard g.status == 0 else { throw SpawnError(description: "gatekeeper rollout exited \(g.status):\n\(BenchFiles.tail(tmp + "/gk.out"))\n\(BenchFiles.tail(tmp + "/gk.err"))") }
                let said = (try? String(contentsOfFile: tmp + "/gk.out", encoding: .utf8)) ?? ""
                guard said.contains(path == nil ? "cargo accepts" : "not confirmed by cargo") else {
                    throw SpawnError(description: "gatekeeper rollout did not \(path == nil ? "have cargo confirm" : "skip cargo's confirmation"):\n\(BenchFiles.tail(tmp + "/gk.out"))")
                }
                return g.wallSeconds
            }
            gk.append(try rollout(tmp + "/gk-\(k)", path: withoutCargo))
            gkCargo.append(try rollout(tmp + "/gk-cargo-\(k)", path: nil))
            let copyB = tmp + "/sh-\(k)"
            _ = try ChildProcess.run(["cp", "-a", target, copyB], stdout: "/dev/null", stderr: tmp + "/cp.err")
            _ = try ChildProcess.run(["sync"], stdout: "/dev/null", stderr: tmp + "/cp.err")
            let s = try ChildProcess.run(["sh", "Benchmarks/rollout_reference.sh", copyB, rust, python], stdout: tmp + "/sh.out", stderr: tmp + "/sh.err")
            guard s.status == 0 else { throw SpawnError(description: "rollout_reference.sh exited \(s.status):\n\(BenchFiles.tail(tmp + "/sh.err"))") }
            script.append(s.wallSeconds)
        }
        let median = { (xs: [Double]) in xs.sorted()[xs.count / 2] }
        let g = median(gk), c = median(gkCargo), s = median(script)
        print("  gatekeeper rollout            \(String(format: "%.3f", g)) s")
        print("  shell script (git, sha256sum) \(String(format: "%.3f", s)) s")
        print("  with cargo on PATH            \(String(format: "%.3f", c)) s (\(String(format: "%+.3f", c - g)) s: cargo metadata --locked --offline for each lockfile, cargo and rustc --version for the evidence)")
        print("target: overhead <= 0.5 s  \(g <= 0.5 ? "PASS" : "MISS") (\(String(format: "%.3f", g)) s)")
        print("target: no slower than the script  \(g <= s ? "PASS" : "MISS") (\(String(format: "%.2f", g / s))x)")
    }
}
