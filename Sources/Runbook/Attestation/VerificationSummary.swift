import Checks
import Support

/// SLSA's Verification Summary Attestation (https://slsa.dev/verification_summary/v1) of a gate
/// decision: "gatekeeper checked this `.crate` against this policy, and it PASSED (or FAILED)".
/// Written as `gate.vsa.json` by a rollout and by `check --attest FILE` for every decision.
public enum VerificationSummary {
    public static let predicateType = "https://slsa.dev/verification_summary/v1"
    /// Who verified: this tool (its version is in `verifier.version`).
    public static let verifierID = "https://gatekeeper.dev/verifier/v1"

    /// What a statement needs besides the reports.
    public struct Context: Sendable, Codable, Equatable {
        /// gatekeeper.toml, by the name the check was given and its sha256.
        public var policy: ResourceDescriptor
        public var verifierVersion: String
        /// RFC 3339: when the gate was evaluated.
        public var timeVerified: String

        public init(policy: ResourceDescriptor, verifierVersion: String, timeVerified: String) {
            self.policy = policy
            self.verifierVersion = verifierVersion
            self.timeVerified = timeVerified
        }
    }

    /// The policy a gate is checked against: the config file, by the name it was given (relative
    /// to `root` when inside it) and the sha256 of the text that was parsed and applied.
    public static func policy(_ config: GatekeeperConfig, root: String) -> ResourceDescriptor {
        let rootSlash = root.hasSuffix("/") ? root : root + "/"
        let name = config.file.hasPrefix(rootSlash) ? String(config.file.dropFirst(rootSlash.count)) : config.file
        return ResourceDescriptor(name: name, uri: "file:" + name, digest: ["sha256": config.sha256])
    }

    /// One statement over every gate of a check: PASSED only when every gate is open.
    /// Subjects are the candidates; a gate without one is represented by the index file it
    /// read (what was verified then is "no release satisfies the policy yet"), and a check
    /// that read nothing by the policy itself, since a statement needs a subject.
    public static func statement(_ gates: [GateReport], context: Context) -> JSONValue {
        let passed = !gates.isEmpty && gates.allSatisfy(\.open)
        var subjects = gates.compactMap { $0.subject ?? $0.inputs.first }
        if subjects.isEmpty { subjects = [context.policy] }
        var inputs: [ResourceDescriptor] = []
        for input in gates.flatMap(\.inputs) where !inputs.contains(input) { inputs.append(input) }
        let predicate: JSONValue = [
            "verifier": ["id": .string(verifierID), "version": ["gatekeeper": .string(context.verifierVersion)]],
            "timeVerified": .string(context.timeVerified),
            "resourceUri": .string(subjects[0].uri ?? subjects[0].name ?? ""),
            "policy": context.policy.json,
            "inputAttestations": .array(inputs.map(\.json)),
            "verificationResult": .string(passed ? "PASSED" : "FAILED"),
            // gatekeeper verifies a release against its gate, no SLSA build track: no level is
            // claimed when it passes, and the spec's FAILED when it does not.
            "verifiedLevels": passed ? [] : ["FAILED"],
            "gatekeeper": ["gates": .array(gates.map(\.json))],
        ]
        return InTotoStatement.document(subjects: subjects, predicateType: predicateType, predicate: predicate)
    }

    /// The verdict a VSA records, for `evidence show`: "PASSED", "FAILED", or nil when `json`
    /// is not a VSA.
    public static func verdict(_ json: JSONValue) -> String? {
        guard json["predicateType"]?.stringValue == predicateType else { return nil }
        return json["predicate"]?["verificationResult"]?.stringValue
    }
}
