import Support
import Checks
import Cargo

/// What `evidence verify` found. A file is *altered* when its bytes do not match its digest or
/// when SHA256SUMS and the statement disagree about it; *missing* when either lists it and it
/// is not there; *unexpected* when it is in the folder and neither lists it.
public struct VerificationReport: Sendable, Equatable {
    public let altered: [String]
    public let missing: [String]
    public let unexpected: [String]
    /// Files whose digest was recomputed.
    public let checked: Int
    /// For each file named above, why, in words ("sha256 differs from SHA256SUMS", …).
    public let reasons: [String: String]
    public let signature: SignatureState
    /// Statement or envelope → why its signature does not hold (a bad or foreign signature, an
    /// envelope whose payload is not its statement, no signature where one was required).
    public let signatureProblems: [String: String]

    public enum SignatureState: Sendable, Equatable {
        /// No envelope: nothing but the digests vouches for the files.
        case unsigned
        /// Envelopes signed by these key ids; `verified` when checked with the key given.
        case signed(keyIDs: [String], verified: Bool)
    }

    public init(altered: [String], missing: [String], unexpected: [String], checked: Int, reasons: [String: String] = [:],
                signature: SignatureState = .unsigned, signatureProblems: [String: String] = [:]) {
        self.altered = altered
        self.missing = missing
        self.unexpected = unexpected
        self.checked = checked
        self.reasons = reasons
        self.signature = signature
        self.signatureProblems = signatureProblems
    }

    public var intact: Bool { altered.isEmpty && missing.isEmpty && unexpected.isEmpty && signatureProblems.isEmpty }
}

public enum EvidenceVerifier {
    /// Recomputes every digest listed in SHA256SUMS and cross-checks the statement's subjects
    /// against it. A missing or malformed SHA256SUMS or statement is an error naming the file
    /// (and the line, where there is one). Every DSSE envelope must carry its statement's exact
    /// bytes; with `key`, every envelope must be signed by it; with `requireSignature`, every
    /// statement must have one.
    public static func verify(directory: String, key: VerifyingKey? = nil, requireSignature: Bool = false) throws -> VerificationReport {
        guard BundleFiles.isDirectory(following: directory) else {
            throw SourceError(file: directory, line: nil, message: BundleFiles.kind(directory) == .missing ? "no such folder" : "not a folder")
        }
        let sums = try DigestList.parse(try index(directory, EvidenceLayout.sums), path: BundlePath.join(directory, EvidenceLayout.sums))
        let subjects = try InTotoStatement.subjects(try index(directory, EvidenceLayout.statement), path: BundlePath.join(directory, EvidenceLayout.statement))

        let listed = Dictionary(sums.entries.map { ($0.name, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let attested = Dictionary(subjects.entries.map { ($0.name, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        var altered: [String] = [], missing: [String] = []
        var reasons: [String: String] = [:]
        var checked = 0

        for name in BundlePath.sorted(Array(Set(listed.keys).union(attested.keys))) {
            switch BundleFiles.kind(root: directory, name: name) {
            case .missing:
                missing.append(name)
                reasons[name] = "listed but not in the folder"
                continue
            case .regular: break
            case .symlink:
                altered.append(name)
                reasons[name] = "is (or lies under) a symbolic link"
                continue
            default:
                altered.append(name)
                reasons[name] = "not a regular file"
                continue
            }
            guard let expected = listed[name] else {
                altered.append(name)
                reasons[name] = "in \(EvidenceLayout.statement) but not in \(EvidenceLayout.sums)"
                continue
            }
            guard attested[name] != nil else {
                altered.append(name)
                reasons[name] = "in \(EvidenceLayout.sums) but not in \(EvidenceLayout.statement)"
                continue
            }
            let actual = SHA256Hex.of(try BundleFiles.read(BundlePath.join(directory, name)))
            checked += 1
            if actual != expected {
                altered.append(name)
                reasons[name] = "sha256 \(actual) differs from \(EvidenceLayout.sums) (\(expected))"
            } else if attested[name] != expected {
                altered.append(name)
                reasons[name] = "\(EvidenceLayout.statement) records another sha256 than \(EvidenceLayout.sums)"
            }
        }

        var unexpected: [String] = []
        for entry in try BundleFiles.walk(directory)
        where !EvidenceLayout.unlisted.contains(entry.name) && listed[entry.name] == nil && attested[entry.name] == nil {
            unexpected.append(entry.name)
            reasons[entry.name] = "in the folder but listed nowhere"
        }
        let (signature, problems) = try signatures(directory, key: key, requireSignature: requireSignature)
        return VerificationReport(altered: altered, missing: missing, unexpected: unexpected, checked: checked, reasons: reasons,
                                  signature: signature, signatureProblems: problems)
    }

    /// The envelopes of the bundle's statements, each checked against its statement's bytes and,
    /// with a key, its signature.
    static func signatures(_ directory: String, key: VerifyingKey?, requireSignature: Bool) throws
        -> (VerificationReport.SignatureState, [String: String]) {
        var problems: [String: String] = [:]
        var keyIDs: [String] = []
        let present = EvidenceLayout.signedStatements.filter { BundleFiles.kind(root: directory, name: $0) == .regular }
        var envelopes: [(statement: String, name: String)] = []
        for statement in EvidenceLayout.signedStatements {
            let name = EvidenceLayout.envelope(of: statement)
            switch BundleFiles.kind(root: directory, name: name) {
            case .missing: continue
            case .regular: envelopes.append((statement, name))
            default: problems[name] = "not a regular file"
            }
        }
        for (statement, name) in envelopes {
            guard present.contains(statement) else {
                problems[name] = "the envelope of \(statement), which the bundle does not hold"
                continue
            }
            let envelope: DSSEEnvelope
            do {
                envelope = try DSSEEnvelope(bytes: try BundleFiles.read(BundlePath.join(directory, name)), path: name)
            } catch {
                problems[name] = "not a DSSE envelope (\(error))"
                continue
            }
            keyIDs += envelope.signatures.map(\.keyID).filter { !keyIDs.contains($0) }
            guard envelope.payloadType == DSSEEnvelope.inTotoPayloadType else {
                problems[name] = "payloadType is \"\(PrintableText.line(envelope.payloadType))\", expected \(DSSEEnvelope.inTotoPayloadType)"
                continue
            }
            guard envelope.payload == (try BundleFiles.read(BundlePath.join(directory, statement))) else {
                problems[name] = "its payload is not \(statement) as the bundle holds it"
                continue
            }
            guard let key else { continue }
            switch envelope.check(with: key) {
            case .signed: break
            case .unsigned: problems[name] = "has no signature"
            case .badSignature: problems[name] = "the signature does not verify with the given key (key id \(key.keyID))"
            case .otherKey(let ids): problems[name] = "signed by another key (key id \(ids.joined(separator: ", "))), not \(key.keyID)"
            }
        }
        // Signed in part is not signed: an envelope removed is as good as a statement altered.
        if !envelopes.isEmpty || requireSignature {
            for statement in present where !envelopes.contains(where: { $0.statement == statement }) {
                problems[statement] = envelopes.isEmpty ? "not signed (a signature is required)" : "has no envelope while the bundle's other statements do"
            }
        }
        let state: VerificationReport.SignatureState = envelopes.isEmpty ? .unsigned : .signed(keyIDs: keyIDs, verified: key != nil)
        return (state, problems)
    }

    /// SHA256SUMS or the statement: both must be plain files of the bundle.
    static func index(_ directory: String, _ name: String) throws -> [UInt8] {
        let path = BundlePath.join(directory, name)
        switch BundleFiles.kind(path) {
        case .regular: return try BundleFiles.read(path)
        case .missing: throw SourceError(file: path, line: nil, message: "missing: this folder is not an evidence bundle, or it was damaged")
        default: throw SourceError(file: path, line: nil, message: "not a regular file")
        }
    }
}
