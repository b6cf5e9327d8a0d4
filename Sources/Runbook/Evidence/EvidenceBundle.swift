import Checks
import Usage
import Support
import Cargo

/// Writes a rollout evidence bundle (DESIGN.md, "Rollout evidence bundle").
public enum EvidenceBundle {
    /// Writes the bundle into `directory` (created if needed; every file written atomically;
    /// QA logs already in `qa/` kept), then SHA256SUMS and statement.intoto.json over every
    /// other file in the folder. Secrets are redacted from every text written and from the
    /// files already there (QA logs, captures) before anything is hashed. Input is checked
    /// before the first write, so bad input leaves the folder as it was.
    /// Returns every file of the bundle (relative paths, byte order), the two above included.
    /// With a signer, each statement is also written as a DSSE envelope signed by it; without
    /// one, the statement and PR.md say the bundle is unsigned, and no envelope is left.
    @discardableResult
    public static func write(_ input: EvidenceInput, to directory: String, redactor: SecretRedactor, signer: SigningKey? = nil) throws -> [String] {
        try EvidenceInputCheck.validate(input, directory: directory)
        let existing = try EvidenceInputCheck.existingFiles(directory)
        var clean = input.redacted(by: redactor)
        clean.signingKeyID = signer?.verifyingKey.keyID
        let planned = try plan(clean, directory: directory, redactor: redactor)
        try EvidenceInputCheck.checkEvidenceLinks(input, directory: directory, available: Set(existing).union(planned.keys))

        try BundleFiles.createFolder(directory)
        for (name, bytes) in planned {
            try BundleFiles.write(bytes, to: BundlePath.join(directory, name))
        }
        // A capture that ran this time replaces the not-run record of an earlier attempt, and
        // the other way round.
        for capture in input.captures {
            let stale = capture.sourcePath == nil ? EvidenceLayout.capture(capture.name) : EvidenceLayout.captureNotRun(capture.name)
            try BundleFiles.remove(BundlePath.join(directory, stale))
        }

        // An envelope of an earlier run signs bytes this run replaces.
        for envelope in EvidenceLayout.signedStatements.map(EvidenceLayout.envelope(of:)) {
            try BundleFiles.remove(BundlePath.join(directory, envelope))
        }
        if planned[EvidenceLayout.verificationSummary] == nil {
            try BundleFiles.remove(BundlePath.join(directory, EvidenceLayout.verificationSummary))
        }

        var digests: [DigestList.Entry] = []
        for entry in try EvidenceInputCheck.existingFiles(directory) {
            let bytes = try planned[entry] ?? redactInPlace(BundlePath.join(directory, entry), redactor)
            digests.append(.init(name: entry, sha256: SHA256Hex.of(bytes)))
        }
        let list = DigestList(digests)
        let statement = InTotoStatement.document(list, predicate: EvidenceDocuments.predicate(clean, EvidenceSummary(clean)))
        let statementBytes = FileRedaction.text(json(statement), redactor)
        try BundleFiles.write(FileRedaction.text(Array(list.text.utf8), redactor), to: BundlePath.join(directory, EvidenceLayout.sums))
        try BundleFiles.write(statementBytes, to: BundlePath.join(directory, EvidenceLayout.statement))
        var written = list.entries.map(\.name) + [EvidenceLayout.sums, EvidenceLayout.statement]
        if let signer {
            let statements = [(EvidenceLayout.statement, statementBytes)]
                + [EvidenceLayout.verificationSummary, EvidenceLayout.testResults].compactMap { name in planned[name].map { (name, $0) } }
            for (name, bytes) in statements {
                let envelope = try DSSEEnvelope.sign(bytes, with: signer)
                try BundleFiles.write(json(envelope.json), to: BundlePath.join(directory, EvidenceLayout.envelope(of: name)))
                written.append(EvidenceLayout.envelope(of: name))
            }
        }
        return BundlePath.sorted(written)
    }

    /// The files this call writes, by bundle name, final bytes (redacted). Capture sources are
    /// read here, so a missing one is reported before anything changes.
    static func plan(_ input: EvidenceInput, directory: String, redactor: SecretRedactor) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let summary = EvidenceSummary(input)
        files[EvidenceLayout.gate] = json(EvidenceDocuments.gate(input))
        files[EvidenceLayout.manifestsDiff] = Array(input.manifestsDiff.utf8)
        if let contracts = input.contracts {
            files[EvidenceLayout.contracts] = json(contracts)
            files[EvidenceLayout.contractsJUnit] = Array((input.contractsJUnit ?? EvidenceDocuments.junitNotRun(reason: "no JUnit report was produced")).utf8)
        } else {
            files[EvidenceLayout.contracts] = json(EvidenceDocuments.notRun(suite: "contracts", reason: "the contract suite was not run"))
            files[EvidenceLayout.contractsJUnit] = Array(EvidenceDocuments.junitNotRun(reason: "the contract suite was not run").utf8)
        }
        for capture in input.captures where capture.sourcePath == nil {
            files[EvidenceLayout.captureNotRun(capture.name)] = json(EvidenceDocuments.captureNotRun(capture.name))
        }
        let parityReason = EvidenceDocuments.parityNotRunReason(summary)
        files[EvidenceLayout.parityDiff] = json(input.parityDiff ?? EvidenceDocuments.notRun(suite: "parity", reason: parityReason))
        files[EvidenceLayout.paritySummary] = json(input.paritySummary ?? EvidenceDocuments.notRun(suite: "parity", reason: parityReason))
        files[EvidenceLayout.qa] = json(EvidenceDocuments.qa(input, summary))
        files[EvidenceLayout.environment] = json(input.environment)
        files[EvidenceLayout.pullRequest] = Array(PullRequestBody.render(input).utf8)
        if let (report, context) = input.verifiedGate {
            files[EvidenceLayout.verificationSummary] = json(VerificationSummary.statement([report], context: context))
        }
        files = files.mapValues { FileRedaction.text($0, redactor) }
        // The suites' results cite the reports they summarise by digest, as written.
        let configuration = [EvidenceLayout.contracts, EvidenceLayout.paritySummary, EvidenceLayout.qa].compactMap { name in
            files[name].map { ResourceDescriptor(name: name, uri: nil, digest: ["sha256": SHA256Hex.of($0)]) }
        }
        let tested = [input.verifiedGate?.report.subject].compactMap { $0 }
            + [ResourceDescriptor(name: EvidenceLayout.manifestsDiff, uri: nil, digest: ["sha256": SHA256Hex.of(files[EvidenceLayout.manifestsDiff] ?? [])])]
        files[EvidenceLayout.testResults] = FileRedaction.text(json(TestResultStatement.document(TestResultStatement.tests(input), subjects: tested, configuration: configuration)), redactor)
        for capture in input.captures {
            guard let source = capture.sourcePath else { continue }
            let bytes = try BundleFiles.read(source)
            files[EvidenceLayout.capture(capture.name)] = FileRedaction.json(bytes, redactor)
        }
        return files
    }

    /// A file the bundle keeps (a QA log, an earlier capture), redacted on disk if it has to be.
    static func redactInPlace(_ path: String, _ redactor: SecretRedactor) throws -> [UInt8] {
        let bytes = try BundleFiles.read(path)
        let clean = path.hasSuffix(".json") ? FileRedaction.json(bytes, redactor) : FileRedaction.text(bytes, redactor)
        if clean != bytes { try BundleFiles.write(clean, to: path) }
        return clean
    }

    /// Pretty, keys in the order built, ending with a newline.
    static func json(_ value: JSONValue) -> [UInt8] {
        Array((JSONWriter.string(value, pretty: true) + "\n").utf8)
    }
}
