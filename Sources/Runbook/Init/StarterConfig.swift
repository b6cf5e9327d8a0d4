import TOML
import Foundation
import Checks

/// The commented `gatekeeper.toml` that `init` writes: one gate with what the scan found, the
/// optional keys and the [rollout] defaults commented out so a team sees what it can set.
public enum StarterConfig {
    public static func text(dependency: String, manifests: [String], planName: String = "PLAN.md") -> String {
        let list = manifests.map(TOMLText.basicString).joined(separator: ", ")
        let defaults = RolloutConfig()
        return """
            # gatekeeper: wait for the \(dependency) release that carries the fix, then roll it out.
            # Written by `gatekeeper init`; see `gatekeeper check --help` and `gatekeeper rollout --help`.

            [[gate]]
            dependency = \(TOMLText.basicString(dependency))
            # The Cargo manifests that declare it (found by scanning the repository).
            manifests  = [\(list)]
            # crates.io's sparse index; a private registry's sparse index root works too.
            index      = \(TOMLText.basicString(GateConfig.defaultIndex))
            # The four usage-semantics claims the release notes or commits must confirm.
            preset     = "usage-semantics"
            # Prove the release was built from the fix: the upstream repository and the fix commit.
            # upstream   = "https://github.com/OWNER/REPO.git"
            # fix_commit = "0123456789abcdef0123456789abcdef01234567"
            # Wait this long after publication before trusting a release.
            # min_release_age = "48h"

            # The rollout (`gatekeeper rollout --version X`); these are the defaults.
            # [rollout]
            # branch       = \(TOMLText.basicString(defaults.branch))
            # evidence_dir = \(TOMLText.basicString(defaults.evidenceDir))
            # plan         = \(TOMLText.basicString(planName))
            # qa           = ["uv run pytest -q"]   # each run in the repository root, logged
            # qa_timeout   = \(TOMLText.basicString(defaults.qaTimeout.text))
            # lockfile     = \(TOMLText.basicString(defaults.lockfile))
            #
            # [rollout.captures]                     # commands that write a run capture to {out}
            # rust   = "uv run python scripts/capture.py --path rust --out {out}"
            # python = "uv run python scripts/capture.py --path python --out {out}"

            """
    }
}
