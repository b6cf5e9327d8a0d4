import TOML
import Foundation
import Support
import Checks

/// The commented `gatekeeper.toml` that `init` writes: one gate with what the scan found, each
/// value `init` found with a comment saying where it came from, each it did not find commented
/// out with why, and the [rollout] defaults commented out so a team sees what it can set.
public enum StarterConfig {
    public static func text(dependency: String, manifests: [String], index: String, indexGiven: Bool,
                            findings: InitFindings, planName: String = "PLAN.md") -> String {
        let list = manifests.map(TOMLText.basicString).joined(separator: ", ")
        let defaults = RolloutConfig()
        /// A found key, or the key commented out with a placeholder; either way under its note.
        func key(_ name: String, _ finding: Finding<String>, placeholder: String) -> String {
            let pad = name.padding(toLength: 10, withPad: " ", startingAt: 0)
            let note = comment("\(name): \(finding.note)")
            if let value = finding.value { return "\(note)\n\(pad) = \(TOMLText.basicString(value))" }
            return "\(note)\n# \(pad) = \(TOMLText.basicString(placeholder))"
        }
        let qaNote = comment("qa: \(findings.qa.note)")
        let rollout: String
        if let commands = findings.qa.value {
            rollout = """
                # The rollout (`gatekeeper rollout --version X`); the keys commented out are the defaults.
                [rollout]
                \(qaNote)
                qa           = [\(commands.map(TOMLText.basicString).joined(separator: ", "))]   # each run in the repository root, logged
                """
        } else {
            rollout = """
                # The rollout (`gatekeeper rollout --version X`); these are the defaults.
                # [rollout]
                \(qaNote)
                # qa           = ["uv run pytest -q"]   # each run in the repository root, logged
                """
        }
        return """
            # gatekeeper: wait for the \(dependency) release that carries the fix, then roll it out.
            # Written by `gatekeeper init`; see `gatekeeper check --help` and `gatekeeper rollout --help`.

            [[gate]]
            dependency = \(TOMLText.basicString(dependency))
            # The Cargo manifests that declare it (found by scanning the repository).
            manifests  = [\(list)]
            \(indexGiven ? "# The registry's sparse index (from --index)." : "# crates.io's sparse index; a private registry's sparse index root works too (init --index URL).")
            index      = \(TOMLText.basicString(index))
            # The four usage-semantics claims the release notes or commits must confirm.
            preset     = "usage-semantics"
            # Prove the release was built from the fix: the upstream repository and the fix commit.
            \(key("upstream", findings.upstream, placeholder: "https://github.com/OWNER/REPO.git"))
            \(key("fix_commit", findings.fixCommit, placeholder: "0123456789abcdef0123456789abcdef01234567"))
            # Wait this long after publication before trusting a release.
            # min_release_age = "48h"

            \(rollout)
            # branch       = \(TOMLText.basicString(defaults.branch))
            # evidence_dir = \(TOMLText.basicString(defaults.evidenceDir))
            # plan         = \(TOMLText.basicString(planName))
            # qa_timeout   = \(TOMLText.basicString(defaults.qaTimeout.text))
            # lockfile     = \(TOMLText.basicString(defaults.lockfile))
            #
            # [rollout.captures]                     # commands that write a run capture to {out}
            # rust   = "uv run python scripts/capture.py --path rust --out {out}"
            # python = "uv run python scripts/capture.py --path python --out {out}"

            """
    }

    /// A TOML comment of one printable line (TOML allows no control character in a comment).
    static func comment(_ text: String) -> String {
        "# " + PrintableText.line(text)
    }
}
