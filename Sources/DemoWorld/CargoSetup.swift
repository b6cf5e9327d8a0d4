import Checks
import Foundation
import Support

/// Points a repository's cargo at a fixture registry, so the real `cargo` resolves, locks and
/// updates without ever leaving the machine. Two forms work with cargo 1.95:
/// - a local path (the RegistryFixture root): `local-registry` plus `net.offline`; needs no
///   server and also works with Debian bookworm's cargo 0.66, which predates sparse indexes;
/// - `sparse+http://127.0.0.1:PORT/index/` served by LoopbackHTTPServer.
/// (`sparse+file://` does not work: cargo requires HTTP status 200, and file:// has none.)
public enum CargoSetup {
    /// What a fixture repository needs to be locked by cargo.
    public struct Locking: Sendable {
        /// As for `configText(registryURL:)`.
        public var registryURL: String
        /// An isolated CARGO_HOME, so nothing is read from or cached into the user's.
        public var cargoHome: String
        /// Crate → version to lock at (a fresh lockfile would take the newest compatible one).
        public var precise: [String: String]

        public init(registryURL: String, cargoHome: String, precise: [String: String] = [:]) {
            self.registryURL = registryURL
            self.cargoHome = cargoHome
            self.precise = precise
        }
    }

    public struct CargoError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// `.cargo/config.toml` text replacing crates-io with the fixture registry. `registryURL`:
    /// `sparse+http://…/index/` (or `http://…/index/`), or a registry root as a local path or
    /// `file://` URL.
    public static func configText(registryURL: String) -> String {
        let source: String
        let offline = !isServed(registryURL)
        if offline {
            source = "local-registry = \(tomlString(localPath(registryURL)))"
        } else {
            // Cargo wants the sparse index URL with its scheme prefix and a final slash.
            var url = registryURL.hasPrefix("sparse+") ? registryURL : "sparse+" + registryURL
            if !url.hasSuffix("/") { url += "/" }
            source = "registry = \(tomlString(url))"
        }
        var text = """
            # Tests and the demo: crates-io is a registry on this machine, never the network.
            [source.crates-io]
            replace-with = "gatekeeper-fixture"

            [source.gatekeeper-fixture]
            \(source)

            """
        if offline {
            text += "\n[net]\noffline = true\n"
        }
        return text
    }

    /// Writes `<repo>/.cargo/config.toml`. For a local registry it also links each
    /// `crates/<name>/<name>-<version>.crate` to `<root>/<name>-<version>.crate`, where
    /// `local-registry` looks for packages.
    public static func writeConfig(in repo: String, registryURL: String) throws {
        if !isServed(registryURL) {
            try linkLocalRegistry(root: localPath(registryURL))
        }
        try AtomicFile.write(configText(registryURL: registryURL), to: "\(repo)/.cargo/config.toml")
    }

    /// Runs `cargo generate-lockfile --manifest-path …` for each manifest (repository-relative)
    /// in the repository root, with `CARGO_HOME=cargoHome`; then `cargo update --precise` for
    /// each entry of `precise` (crate → version), since a fresh lockfile takes the newest
    /// compatible release and a fixture usually wants the pinned one.
    public static func generateLockfiles(in repo: String, manifests: [String], cargoHome: String,
                                         precise: [String: String] = [:]) throws {
        guard let cargo = locateCargo() else {
            throw CargoError(message: "cargo is not installed (looked on PATH, in ~/.cargo/bin and /usr/bin); install Rust's cargo, e.g. apt-get install cargo")
        }
        for manifest in manifests {
            try run(cargo, ["generate-lockfile", "--manifest-path", manifest], in: repo, cargoHome: cargoHome)
            for (name, version) in precise.sorted(by: { $0.key < $1.key }) {
                try run(cargo, ["update", "--manifest-path", manifest, "--package", name, "--precise", version], in: repo, cargoHome: cargoHome)
            }
        }
    }

    /// Generates the lockfiles of a repository that exists only as `files` (path → text): they
    /// are written to a scratch folder with the cargo config, locked, and the Cargo.lock texts
    /// returned by path, ready to commit with the rest.
    public static func lockfiles(for files: [String: String], manifests: [String], registryURL: String, cargoHome: String,
                                 precise: [String: String] = [:]) throws -> [String: String] {
        let scratch = NSTemporaryDirectory() + "gatekeeper-cargo-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for (path, text) in files { try AtomicFile.write(text, to: "\(scratch)/\(path)") }
        try writeConfig(in: scratch, registryURL: registryURL)
        try generateLockfiles(in: scratch, manifests: manifests, cargoHome: cargoHome, precise: precise)
        var locks: [String: String] = [:]
        for manifest in manifests {
            let lock = ((manifest as NSString).deletingLastPathComponent as NSString).appendingPathComponent("Cargo.lock")
            if let text = try? String(contentsOfFile: "\(scratch)/\(lock)", encoding: .utf8) { locks[lock] = text }
        }
        return locks
    }

    /// cargo on PATH, else where rustup and Debian install it.
    public static func locateCargo(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let home = environment["HOME"] { folders.append("\(home)/.cargo/bin") }
        folders.append("/usr/bin")
        return folders.map { "\($0)/cargo" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func run(_ cargo: String, _ arguments: [String], in repo: String, cargoHome: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cargo)
        process.arguments = arguments
        // cargo reads .cargo/config.toml from its working folder upward, so it runs in the repo.
        process.currentDirectoryURL = URL(fileURLWithPath: repo)
        var environment = ProcessInfo.processInfo.environment
        environment["CARGO_HOME"] = cargoHome
        process.environment = environment
        // Output goes to a file, not a Pipe: reading a pipe through FileHandle traps when a
        // signal (the child's SIGCHLD) interrupts the read.
        let log = NSTemporaryDirectory() + "gatekeeper-cargo-\(UUID().uuidString).log"
        guard FileManager.default.createFile(atPath: log, contents: nil), let sink = FileHandle(forWritingAtPath: log) else {
            throw CargoError(message: "cannot create \(log)")
        }
        defer {
            try? sink.close()
            try? FileManager.default.removeItem(atPath: log)
        }
        process.standardOutput = sink
        process.standardError = sink
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CargoError(message: "cannot run \(cargo): \(error)")
        }
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw CargoError(message: "cargo \(arguments.joined(separator: " ")) failed in \(repo) (exit \(process.terminationStatus)): \(output)")
        }
    }

    private static func linkLocalRegistry(root: String) throws {
        let fm = FileManager.default
        let crates = "\(root)/crates"
        for name in (try? fm.contentsOfDirectory(atPath: crates)) ?? [] {
            for file in (try? fm.contentsOfDirectory(atPath: "\(crates)/\(name)")) ?? [] where file.hasSuffix(".crate") {
                let link = "\(root)/\(file)"
                if (try? fm.destinationOfSymbolicLink(atPath: link)) != nil || fm.fileExists(atPath: link) { continue }
                // Relative, so the registry folder can be moved or copied as a whole.
                try fm.createSymbolicLink(atPath: link, withDestinationPath: "crates/\(name)/\(file)")
            }
        }
    }

    private static func isServed(_ url: String) -> Bool {
        url.hasPrefix("sparse+") || url.hasPrefix("http://") || url.hasPrefix("https://")
    }

    /// Absolute, since cargo would read a relative path against the repository, not our folder.
    private static func localPath(_ url: String) -> String {
        let path = url.hasPrefix("file://") ? (URL(string: url)?.path ?? String(url.dropFirst(7))) : url
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func tomlString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
