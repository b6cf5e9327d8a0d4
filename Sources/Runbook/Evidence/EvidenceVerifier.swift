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

    public init(altered: [String], missing: [String], unexpected: [String], checked: Int, reasons: [String: String] = [:]) {
        self.altered = altered
        self.missing = missing
        self.unexpected = unexpected
        self.checked = checked
        self.reasons = reasons
    }

    public var intact: Bool { altered.isEmpty && missing.isEmpty && unexpected.isEmpty }
}

public enum EvidenceVerifier {
    /// Recomputes every digest listed in SHA256SUMS and cross-checks the statement's subjects
    /// against it. A missing or malformed SHA256SUMS or statement is an error naming the file
    /// (and the line, where there is one).
    public static func verify(directory: String) throws -> VerificationReport {
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
        where entry.name != EvidenceLayout.sums && entry.name != EvidenceLayout.statement
            && listed[entry.name] == nil && attested[entry.name] == nil {
            unexpected.append(entry.name)
            reasons[entry.name] = "in the folder but listed nowhere"
        }
        return VerificationReport(altered: altered, missing: missing, unexpected: unexpected, checked: checked, reasons: reasons)
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
