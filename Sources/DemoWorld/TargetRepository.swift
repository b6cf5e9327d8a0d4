import Checks
import Foundation
import Git

/// A target repository shaped like the seed's project: two manifests pinned at 0.1.1, PLAN.md
/// with markers and gatekeeper.toml, committed on `main` with a clean work tree.
public enum TargetRepository {
    public static let rootManifest = """
        [package]
        name = "tinyagent"
        version = "0.4.0"
        edition = "2021"

        [dependencies]
        # Pinned until the usage-semantics fix is released (see PLAN.md).
        alchemy-llm = "0.1.1"

        """

    public static let bindingsManifest = """
        [package]
        name = "alchemy_llm_py"
        version = "0.4.0"
        edition = "2021"

        [lib]
        name = "_alchemy"
        path = "src/lib.rs"

        [dependencies]
        alchemy-llm = { version = "0.1.1", default-features = false }

        """

    public static func config(indexURL: String, upstream: String, fixCommit: String) -> String {
        """
        # gatekeeper: wait for the alchemy-llm release that carries the usage-semantics fix.
        [[gate]]
        dependency = "alchemy-llm"
        manifests  = ["Cargo.toml", "bindings/alchemy_llm_py/Cargo.toml"]
        index      = "\(indexURL)"
        upstream   = "\(upstream)"
        fix_commit = "\(fixCommit)"
        preset     = "usage-semantics"
        \(TargetScripts.rolloutConfig)
        """
    }

    /// With `cargo`, the commit also holds `.cargo/config.toml` (crates-io replaced by the
    /// fixture registry) and the two Cargo.lock files the real cargo generates from it.
    public static func write(at path: String, indexURL: String, upstream: String, fixCommit: String,
                             cargo: CargoSetup.Locking? = nil) throws {
        var files: [String: String?] = [
            "Cargo.toml": rootManifest,
            "src/lib.rs": "pub fn agent() {}\n",
            "bindings/alchemy_llm_py/Cargo.toml": bindingsManifest,
            "bindings/alchemy_llm_py/src/lib.rs": "pub fn binding() {}\n",
            "PLAN.md": PlanTemplate.text,
            "gatekeeper.toml": config(indexURL: indexURL, upstream: upstream, fixCommit: fixCommit),
            ".gitignore": "target/\n",
            "scripts/qa.sh": TargetScripts.qa,
            "scripts/capture.py": TargetScripts.capture,
        ]
        if let cargo {
            let sources = files.compactMapValues { $0 }
            files[".cargo/config.toml"] = CargoSetup.configText(registryURL: cargo.registryURL)
            let locks = try CargoSetup.lockfiles(for: sources, manifests: UsageFixScenario.manifests, registryURL: cargo.registryURL,
                                                 cargoHome: cargo.cargoHome, precise: cargo.precise)
            for (lock, text) in locks { files[lock] = text }
        }
        let repo = try GitRepository.initialize(at: path, bare: false, initialBranch: "main")
        let author = GitSignature(name: "Team Member", email: "team@example.com", time: GitFixture.epoch, offsetMinutes: 0)
        try repo.commitFiles(files, message: "Pin alchemy-llm 0.1.1; plan the usage-semantics rollout", author: author, parent: nil)
        try repo.forceCheckoutHead()
    }
}
