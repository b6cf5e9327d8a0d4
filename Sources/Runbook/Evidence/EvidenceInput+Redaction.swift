import Support
import Usage

extension EvidenceInput {
    /// A copy with every text redacted, so nothing rendered from it (markdown cells, escaped
    /// JSON) can carry a secret in a spelling the final byte pass would not recognise.
    /// File names (capture names, log paths, evidence paths) are left alone: they are paths.
    func redacted(by r: SecretRedactor) -> EvidenceInput {
        if r.isEmpty { return self }
        var copy = self
        copy.dependency = r.redact(dependency)
        copy.fromVersion = r.redact(fromVersion)
        copy.toVersion = r.redact(toVersion)
        copy.baseBranch = r.redact(baseBranch)
        copy.baseCommit = r.redact(baseCommit)
        copy.rolloutBranch = r.redact(rolloutBranch)
        copy.gate = r.redact(gate)
        copy.gateOverride = gateOverride.map(r.redact)
        copy.manifestsDiff = r.redact(manifestsDiff)
        copy.lockfileExtras = lockfileExtras.map(r.redact)
        copy.contracts = contracts.map(r.redact)
        copy.contractsJUnit = contractsJUnit.map { String(decoding: r.redact(bytes: Array($0.utf8)), as: UTF8.self) }
        copy.parityDiff = parityDiff.map(r.redact)
        copy.paritySummary = paritySummary.map(r.redact)
        copy.qa = qa.map { var q = $0; q.command = r.redact(q.command); return q }
        copy.environment = r.redact(environment)
        copy.acceptance = acceptance.map { var a = $0; a.title = r.redact(a.title); return a }
        copy.createdAt = r.redact(createdAt)
        return copy
    }
}
