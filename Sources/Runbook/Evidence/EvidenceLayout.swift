/// The file names of a bundle (DESIGN.md, "Rollout evidence bundle"), in one place for the
/// writer, the verifier and the readers that come later (`evidence show`).
public enum EvidenceLayout {
    public static let gate = "gate.json"
    public static let manifestsDiff = "manifests.diff"
    public static let contracts = "contracts.json"
    public static let contractsJUnit = "contracts.junit.xml"
    public static let capturesFolder = "captures"
    public static let parityDiff = "usage_parity_diff.json"
    public static let paritySummary = "usage_parity_summary.json"
    public static let qa = "qa.json"
    public static let qaFolder = "qa"
    public static let environment = "environment.json"
    public static let pullRequest = "PR.md"
    public static let sums = "SHA256SUMS"
    public static let statement = "statement.intoto.json"
    /// SLSA verification summary of the gate (absent when `--skip-gate` skipped it).
    public static let verificationSummary = "gate.vsa.json"
    /// in-toto test results of the contract suite, the parity comparison and QA.
    public static let testResults = "suites.test-result.json"

    /// The statements a signing key signs, each into its DSSE envelope.
    public static let signedStatements = [statement, verificationSummary, testResults]

    /// A statement's DSSE envelope: `gate.vsa.json` → `gate.vsa.dsse.json`.
    public static func envelope(of statement: String) -> String {
        (statement.hasSuffix(".json") ? String(statement.dropLast(5)) : statement) + ".dsse.json"
    }

    /// Files a bundle holds that SHA256SUMS does not list: the two indexes and the envelopes
    /// (which sign the statement that lists everything else).
    public static let unlisted = Set([sums, statement] + signedStatements.map(envelope(of:)))

    /// A capture copied into the bundle.
    public static func capture(_ name: String) -> String { "\(capturesFolder)/\(name).json" }

    /// The record of a capture that was not run: a different name, so that a file at
    /// `captures/<name>.json` is always a real capture.
    public static func captureNotRun(_ name: String) -> String { "\(capturesFolder)/\(name).not-run.json" }

    /// A log name for the `index`-th QA command (1-based), for the rollout to write into:
    /// `qa/01-uv-run-pytest-q.log`.
    public static func qaLog(index: Int, command: String) -> String {
        var slug = ""
        var dash = false
        for b in command.utf8 {
            let alnum = (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
            if alnum {
                if dash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(Unicode.Scalar(b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0)))
                dash = false
            } else {
                dash = true
            }
            if slug.utf8.count >= 40 { break }
        }
        let number = index < 10 ? "0\(index)" : "\(index)"
        return "\(qaFolder)/\(number)\(slug.isEmpty ? "" : "-" + slug).log"
    }
}
