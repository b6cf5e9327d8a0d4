import Foundation
import Testing
import TestSupport

/// `make deps` (scripts/deps.sh): one line per package it installs, apt's own output only when
/// the install fails. Run against shims of dpkg and apt-get, so nothing is really installed.
@Suite struct DepsScriptTests {
    final class Shims {
        let dir: TempDir
        init(missing: [String], aptFails: Bool = false, cargo: Bool = true) throws {
            dir = try TempDir()
            try FileManager.default.createDirectory(atPath: dir.path("bin"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: dir.path("home"), withIntermediateDirectories: true)
            func shim(_ name: String, _ body: String) throws {
                let path = dir.path("bin/\(name)")
                try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
            try shim("dpkg", "for p in \(missing.joined(separator: " ")); do [ \"$2\" = \"$p\" ] && exit 1; done; exit 0")
            try shim("id", "echo 0")
            try shim("apt-get", """
                echo "apt-get $*" >> \(dir.path("calls"))
                echo "Reading package lists... Done"; echo "Setting up libnoise (1.0) ..." >&2
                exit \(aptFails ? 100 : 0)
                """)
            if cargo { try shim("cargo", "exit 0") }
        }

        func run(_ packages: [String]) throws -> (status: Int32, output: String, calls: String) {
            let r = try TestProcess.run("bash", [CLI.packageRoot.appendingPathComponent("scripts/deps.sh").path] + packages,
                                        environment: ["PATH": dir.path("bin") + ":/usr/bin:/bin", "HOME": dir.path("home"),
                                                      "GATEKEEPER_DEPS_LOG": dir.path("deps.log")],
                                        mergeErrors: true)
            return (r.status, r.output, (try? String(contentsOfFile: dir.path("calls"), encoding: .utf8)) ?? "")
        }
    }

    @Test func nothingMissingInstallsNothingAndSaysNothing() throws {
        let shims = try Shims(missing: [])
        let r = try shims.run(["libgit2-dev", "libarchive-dev"])
        #expect(r.status == 0 && r.output.isEmpty && r.calls.isEmpty, "\(r)")
    }

    @Test func eachMissingPackageIsOneLineAndAptStaysQuiet() throws {
        let shims = try Shims(missing: ["libgit2-dev", "chromium"], cargo: false)
        let r = try shims.run(["libgit2-dev", "libarchive-dev", "chromium"])
        #expect(r.status == 0)
        #expect(r.output == "installing libgit2-dev\ninstalling chromium\ninstalling cargo\n", "\(r.output)")
        #expect(r.calls.contains("install -y --no-install-recommends libgit2-dev chromium cargo"), "\(r.calls)")
        #expect(try String(contentsOfFile: shims.dir.path("deps.log"), encoding: .utf8).contains("Setting up libnoise"), "apt's output is kept in the log")
    }

    @Test func noCargoLeavesARustlessMachineWithoutCargo() throws {
        let shims = try Shims(missing: ["libgit2-dev"], cargo: false)
        let r = try shims.run(["--no-cargo", "libgit2-dev"])
        #expect(r.status == 0)
        #expect(r.output == "installing libgit2-dev\n", "\(r.output)")
        #expect(r.calls.contains("--no-install-recommends libgit2-dev\n"), "\(r.calls)")
        // The control: the same machine without the flag gets cargo.
        #expect(try shims.run(["libgit2-dev"]).output.contains("installing cargo"))
    }

    @Test func aFailedInstallPrintsAptsOutputAndFails() throws {
        let shims = try Shims(missing: ["libgit2-dev"], aptFails: true)
        let r = try shims.run(["libgit2-dev"])
        #expect(r.status == 1)
        #expect(r.output.hasPrefix("installing libgit2-dev\ninstalling libgit2-dev failed; apt-get said ("), "\(r.output)")
        #expect(r.output.contains("Reading package lists... Done") && r.output.contains("Setting up libnoise"))
    }
}
