import Foundation
import Testing
import TestSupport

/// `make dist` and `make install`: the tarball `make test` builds first (GATEKEEPER_DIST) runs
/// `--version` and a real check with the Swift toolchain out of reach.
@Suite(.serialized) struct DistTests {
    /// The tarball under test: the one `make test` names, else the newest in dist/.
    static func tarball() throws -> String? {
        if let given = ProcessInfo.processInfo.environment["GATEKEEPER_DIST"] { return given }
        let dist = CLI.packageRoot.appendingPathComponent("dist").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dist)) ?? []
        return names.filter { $0.hasSuffix(".tar.gz") }.sorted().last.map { dist + "/" + $0 }
    }

    /// The toolchain's root (`/opt/swift/usr` for `/opt/swift/usr/bin/swift`).
    static func toolchain() throws -> String {
        let swift = try TestProcess.run("sh", ["-c", "readlink -f \"$(command -v swift)\""]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        return ((swift as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    }

    /// As on a machine where Swift was never installed: in a mount namespace of its own, an
    /// empty folder over the toolchain (its libraries gone, whatever rpath or cache points
    /// there), and an environment with only the system's PATH.
    static func withoutSwift(_ argv: [String]) throws -> TestProcess.Result {
        try TestProcess.run("unshare", ["-m", "sh", "-c",
                                        "mount -t tmpfs none \"$0\" && exec env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C.UTF-8 \"$@\"",
                                        try toolchain()] + argv, mergeErrors: true)
    }

    @Test func theDistTarballRunsACheckWithoutTheSwiftToolchain() throws {
        guard let tarball = try Self.tarball() else {
            Issue.record("no dist tarball: run make dist (make test builds it first)")
            return
        }
        let name = (tarball as NSString).lastPathComponent
        #expect(name.range(of: #"^gatekeeper-[0-9][^-]*-linux-[a-z0-9_]+\.tar\.gz$"#, options: .regularExpression) != nil, "\(name)")
        // Its digest, in sha256sum's own format, beside it.
        let folder = (tarball as NSString).deletingLastPathComponent
        let sums = try TestProcess.run("sha256sum", ["-c", name + ".sha256"], in: folder, mergeErrors: true)
        #expect(sums.status == 0 && sums.output == "\(name): OK\n", "\(sums.output)")

        let dir = try TempDir()
        #expect(try TestProcess.run("tar", ["xzf", tarball, "-C", dir.path("")], mergeErrors: true).status == 0)
        let top = dir.path(String(name.dropLast(".tar.gz".count)))
        let binary = top + "/bin/gatekeeper"
        for file in ["share/man/man1/gatekeeper.1", "share/bash-completion/completions/gatekeeper",
                     "share/zsh/site-functions/_gatekeeper", "share/fish/vendor_completions.d/gatekeeper.fish", "README.md"] {
            #expect(FileManager.default.fileExists(atPath: top + "/" + file), "\(file)")
        }
        // No Swift library is loaded from anywhere: the runtime is inside the binary.
        let libraries = try TestProcess.run("ldd", [binary], mergeErrors: true).output
        #expect(!libraries.contains("not found") && !libraries.contains("libswift") && !libraries.contains("libFoundation"), "\(libraries)")

        // The control first: the debug build cannot start there, so the toolchain really is gone.
        let debug = try Self.withoutSwift([CLI.packageRoot.appendingPathComponent(".build/debug/gatekeeper").path, "--version"])
        #expect(debug.status == 127 && debug.output.contains("libswift"), "\(debug.output)")
        let version = try Self.withoutSwift([binary, "--version"])
        #expect(version.status == 0 && version.output.hasPrefix("gatekeeper "), "\(version.output)")
        // A real check, over loopback HTTP, with libcurl, libgit2 and libarchive from Debian.
        let world = try CheckWorld(.changelogConfirmsAll)
        let check = try Self.withoutSwift([binary, "check", "--repo", world.scenario.target, "--cache-dir", world.cache])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("gate alchemy-llm: OPEN"), "\(check.output)")
    }

    @Test func installPutsTheBinaryManPageAndCompletionsUnderThePrefix() throws {
        let prefix = try TempDir()
        let binary = CLI.packageRoot.appendingPathComponent(".build/debug/gatekeeper").path
        let r = try TestProcess.run("bash", [CLI.packageRoot.appendingPathComponent("scripts/install.sh").path, binary, prefix.path("usr")], mergeErrors: true)
        #expect(r.status == 0, "\(r.output)")
        let installed = prefix.path("usr/bin/gatekeeper")
        #expect(FileManager.default.isExecutableFile(atPath: installed))
        let man = try String(contentsOfFile: prefix.path("usr/share/man/man1/gatekeeper.1"), encoding: .utf8)
        #expect(man.contains("evidence"))
        let bash = try String(contentsOfFile: prefix.path("usr/share/bash-completion/completions/gatekeeper"), encoding: .utf8)
        #expect(bash.contains("keygen") && bash.contains("--attest"), "the completions come from this binary")
        #expect(try String(contentsOfFile: prefix.path("usr/share/zsh/site-functions/_gatekeeper"), encoding: .utf8).hasPrefix("#compdef gatekeeper"))
        #expect(try String(contentsOfFile: prefix.path("usr/share/fish/vendor_completions.d/gatekeeper.fish"), encoding: .utf8).contains("complete -c 'gatekeeper'"))
    }
}
