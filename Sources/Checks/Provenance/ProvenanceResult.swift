import Usage
import Support

/// Whether the candidate is what its source and the fix say: built from a commit that contains
/// the fix, its files the commit's files, the fix's changes in its bytes.
public struct ProvenanceResult: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Every part that was asked for holds.
        case pass
        /// A part failed: the commit lacks the fix, the package is not its source, the fix is not in it.
        case fail
        /// Nothing to decide it with (no vcs info in the package).
        case unknown
        /// No `fix_commit` configured, and nothing else failed.
        case notConfigured = "not-configured"
    }

    public let status: Status
    /// The candidate's vcs commit, when the package records one.
    public let commit: String?
    /// The verdict in one line (the first failure when it failed).
    public let detail: String?
    /// The package compared with the vcs commit's tree.
    public let sources: SourceCheck
    /// The fix commit's changes looked for in the package's files.
    public let fixInPackage: FixCheck
    /// One line per failed part, for the report's reasons.
    public let problems: [String]

    public init(status: Status, commit: String?, detail: String?, sources: SourceCheck = .notChecked("no upstream configured"),
                fixInPackage: FixCheck = .notChecked("no fix_commit configured"), problems: [String]? = nil) {
        self.status = status
        self.commit = commit
        self.detail = detail
        self.sources = sources
        self.fixInPackage = fixInPackage
        self.problems = problems ?? (status == .pass || status == .notConfigured ? [] : [detail ?? status.rawValue])
    }

    public var holds: Bool { status == .pass || status == .notConfigured }

    public var json: JSONValue {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return [
            "status": .string(status.rawValue),
            "commit": str(commit),
            "detail": str(detail),
            "sources": sources.json,
            "fix_in_package": fixInPackage.json,
        ]
    }
}

/// The package ⇄ source comparison: every file of the `.crate` against the vcs commit's tree.
public struct SourceCheck: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case pass, fail, unknown
        /// Turned off (`verify_sources = false`), or not reached: recorded, never a pass.
        case notChecked = "not-checked"
    }

    public struct Mismatch: Sendable, Equatable, Codable {
        /// The package's path (under its folder).
        public let file: String
        public let why: String

        public init(file: String, why: String) {
            self.file = file
            self.why = why
        }
    }

    /// How many mismatches a report lists before it counts the rest.
    public static let listed = 20

    public let status: Status
    /// Package files judged.
    public let compared: Int
    /// Files equal to the tree's (by blob id).
    public let matched: Int
    /// Files cargo writes when it packages (`.cargo_vcs_info.json`, the normalised `Cargo.toml`, a generated `Cargo.lock`).
    public let generated: [String]
    public let mismatches: [Mismatch]
    public let detail: String?

    public init(status: Status, compared: Int, matched: Int, generated: [String], mismatches: [Mismatch], detail: String?) {
        self.status = status
        self.compared = compared
        self.matched = matched
        self.generated = generated
        self.mismatches = mismatches
        self.detail = detail
    }

    public static func notChecked(_ why: String) -> SourceCheck {
        SourceCheck(status: .notChecked, compared: 0, matched: 0, generated: [], mismatches: [], detail: why)
    }

    public var holds: Bool { status != .fail && status != .unknown }

    public var json: JSONValue {
        let more = mismatches.count - Self.listed
        let check: JSONValue = [
            "status": .string(status.rawValue),
            "compared": .number(JSONNumber(compared)),
            "matched": .number(JSONNumber(matched)),
            "generated": .array(generated.map { .string($0) }),
            "mismatches": .array(mismatches.prefix(Self.listed).map { ["file": .string($0.file), "why": .string($0.why)] }),
            "more_mismatches": more > 0 ? .number(JSONNumber(more)) : .null,
            "detail": detail.map { .string($0) } ?? .null,
        ]
        return check.omittingNull("more_mismatches")
    }
}

/// The fix commit's changes looked for in the package's copies of the files it changed.
public struct FixCheck: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Every change of the fix is in the package.
        case pass
        /// None is undone, but some lines were edited again since the fix: a reviewer should look.
        case changed
        /// A change is undone (its pre-fix lines are back), or a file the fix changed is gone.
        case fail
        /// Nothing the fix changed is in the package, so nothing proves it is there.
        case unknown
        case notChecked = "not-checked"
    }

    public struct File: Sendable, Equatable, Codable {
        /// The path in the repository, as the fix commit names it.
        public let file: String
        /// The fix's changes to it (runs of changed lines).
        public let hunks: Int
        /// How many of them the package carries.
        public let present: Int
        public let note: String?

        public init(file: String, hunks: Int, present: Int, note: String?) {
            self.file = file
            self.hunks = hunks
            self.present = present
            self.note = note
        }
    }

    public let status: Status
    public let files: [File]
    public let detail: String?

    public init(status: Status, files: [File], detail: String?) {
        self.status = status
        self.files = files
        self.detail = detail
    }

    public static func notChecked(_ why: String) -> FixCheck {
        FixCheck(status: .notChecked, files: [], detail: why)
    }

    public var holds: Bool { status == .pass || status == .changed || status == .notChecked }

    public var json: JSONValue {
        [
            "status": .string(status.rawValue),
            "files": .array(files.map { f in
                ["file": .string(f.file), "hunks": .number(JSONNumber(f.hunks)), "present": .number(JSONNumber(f.present)),
                 "note": f.note.map { .string($0) } ?? .null]
            }),
            "detail": detail.map { .string($0) } ?? .null,
        ]
    }
}
