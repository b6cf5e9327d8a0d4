import Usage
import Support

/// A bundle read back for review (`gatekeeper evidence show`): the verdicts come from the
/// statement's predicate, the detail from gate.json, qa.json, usage_parity_diff.json and
/// manifests.diff. Everything here is as the bundle says; `integrity` says whether to trust it.
public struct EvidenceContents: Sendable, Equatable {
    public struct Criterion: Sendable, Equatable {
        public var id, title, status, source, evidence, location: String
    }

    public struct Suite: Sendable, Equatable {
        public var status: String
        public var passed: Int?
        public var failed: Int?
    }

    public struct ChangedFile: Sendable, Equatable {
        public var path: String
        public var added: Int
        public var removed: Int
        public var isLockfile: Bool
    }

    public struct Capture: Sendable, Equatable {
        public var name, status, file: String
    }

    /// One `*_key_diff` of the parity diff: which keys only one side has, and the shared ones.
    public struct KeyDiff: Sendable, Equatable {
        public var title: String
        public var sides: [String]
        public var onlyIn: [[String]]
        public var shared: [String]
    }

    public struct QACommand: Sendable, Equatable {
        public var command, status: String
        public var exitCode: Int?
        public var durationSeconds: Double
        public var log: String
    }

    public struct Acceptance: Sendable, Equatable {
        public var id, title: String
        public var holds: Bool
        public var evidence: [String]
    }

    public var directory: String
    public var dependency, fromVersion, toVersion, rolloutBranch, createdAt: String
    public var gateVerdict: String
    public var gateOverride: String?
    public var criteria: [Criterion]
    public var provenance: Criterion?
    /// The parts of provenance beyond the commit: the package against its source, the fix in the package.
    public var provenanceParts: [Criterion]
    public var manifestsDiff: String
    public var changes: [ChangedFile]
    public var contracts: Suite
    public var captures: [Capture]
    public var parity: Suite
    public var keyDiffs: [KeyDiff]
    public var qa: Suite
    public var qaCommands: [QACommand]
    public var acceptance: [Acceptance]
    public var integrity: VerificationReport
    /// What gate.vsa.json says ("PASSED", "FAILED"); nil when the bundle has none (gate skipped).
    public var verificationSummary: String?

    public init(directory: String, dependency: String, fromVersion: String, toVersion: String, rolloutBranch: String,
                createdAt: String, gateVerdict: String, gateOverride: String?, criteria: [Criterion], provenance: Criterion?,
                provenanceParts: [Criterion] = [], manifestsDiff: String, changes: [ChangedFile], contracts: Suite, captures: [Capture], parity: Suite,
                keyDiffs: [KeyDiff], qa: Suite, qaCommands: [QACommand], acceptance: [Acceptance], integrity: VerificationReport,
                verificationSummary: String? = nil) {
        self.directory = directory
        self.dependency = dependency
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.rolloutBranch = rolloutBranch
        self.createdAt = createdAt
        self.gateVerdict = gateVerdict
        self.gateOverride = gateOverride
        self.criteria = criteria
        self.provenance = provenance
        self.provenanceParts = provenanceParts
        self.manifestsDiff = manifestsDiff
        self.changes = changes
        self.contracts = contracts
        self.captures = captures
        self.parity = parity
        self.keyDiffs = keyDiffs
        self.qa = qa
        self.qaCommands = qaCommands
        self.acceptance = acceptance
        self.integrity = integrity
        self.verificationSummary = verificationSummary
    }
}

public enum EvidenceReader {
    /// Verifies the bundle, then reads it. A missing or malformed file is an `SourceError`
    /// naming it; an altered bundle is still read, so the review can show what it claims.
    public static func read(directory: String, key: VerifyingKey? = nil) throws -> EvidenceContents {
        let integrity = try EvidenceVerifier.verify(directory: directory, key: key)
        let vsaPresent = BundleFiles.kind(root: directory, name: EvidenceLayout.verificationSummary) != .missing
        var verdict: String? = nil
        if vsaPresent {
            guard let found = VerificationSummary.verdict(try json(directory, EvidenceLayout.verificationSummary)) else {
                throw SourceError(file: BundlePath.join(directory, EvidenceLayout.verificationSummary), line: nil,
                                  message: "not a verification summary (predicateType \(VerificationSummary.predicateType))")
            }
            verdict = found
        }
        let statement = try json(directory, EvidenceLayout.statement)
        let gate = try json(directory, EvidenceLayout.gate)
        let qa = try json(directory, EvidenceLayout.qa)
        let parityDiff = try json(directory, EvidenceLayout.parityDiff)
        let diff = try text(directory, EvidenceLayout.manifestsDiff)

        let s = Fields(statement, path: BundlePath.join(directory, EvidenceLayout.statement))
        let p = s.nested(try s.object("predicate"), "predicate.")
        let g = Fields(gate, path: BundlePath.join(directory, EvidenceLayout.gate))
        let q = Fields(qa, path: BundlePath.join(directory, EvidenceLayout.qa))
        let gateFields = p.nested(try p.object("gate"), "gate.")
        let suites = p.nested(try p.object("suites"), "suites.")
        let stat = DiffStat(diff)

        return EvidenceContents(
            directory: directory,
            dependency: try p.string("dependency"),
            fromVersion: try p.string("from_version"),
            toVersion: try p.string("to_version"),
            rolloutBranch: try p.string("rollout_branch"),
            createdAt: try p.string("created_at"),
            gateVerdict: try gateFields.string("verdict"),
            gateOverride: gateFields.value["override"]?.stringValue,
            criteria: try g.objects("criteria", optional: true).map { try criterion($0) },
            provenance: try g.value["provenance"].flatMap { $0.isNull ? nil : try provenance(g.nested($0, "provenance.")) },
            provenanceParts: try g.value["provenance"].map { $0.isNull ? [] : try provenanceParts(g.nested($0, "provenance.")) } ?? [],
            manifestsDiff: diff,
            changes: stat.files.map { .init(path: $0.path, added: $0.added, removed: $0.removed, isLockfile: $0.isLockfile) },
            contracts: try suite(suites.nested(try suites.object("contracts"), "contracts.")),
            captures: try suites.objects("captures").map { c in
                .init(name: try c.string("name"), status: try c.string("status"), file: try c.bundleFile("file"))
            },
            parity: try suite(suites.nested(try suites.object("parity"), "parity.")),
            keyDiffs: keyDiffs(parityDiff),
            qa: try suite(p.nested(try p.object("qa"), "qa.")),
            qaCommands: try q.objects("commands").map { c in
                .init(command: try c.string("command"), status: try c.string("status"),
                      exitCode: c.value["exit_code"]?.numberValue?.intValue,
                      durationSeconds: c.value["duration_seconds"]?.numberValue?.doubleValue ?? 0,
                      log: try c.bundleFile("log"))
            },
            acceptance: try p.objects("acceptance").map { a in
                .init(id: try a.string("id"), title: try a.string("title"), holds: try a.bool("holds"),
                      evidence: try a.strings("evidence").map { try a.checkedFile($0, "evidence") })
            },
            integrity: integrity,
            verificationSummary: verdict)
    }

    static func criterion(_ c: Fields) throws -> EvidenceContents.Criterion {
        .init(id: try c.string("id"), title: c.value["title"]?.stringValue ?? "", status: try c.string("status"),
              source: c.value["source"]?.stringValue ?? "", evidence: c.value["evidence"]?.stringValue ?? "",
              location: c.value["location"]?.stringValue ?? "")
    }

    /// The provenance check reads as one more row of the gate table.
    static func provenance(_ p: Fields) throws -> EvidenceContents.Criterion {
        .init(id: "provenance", title: "release descends from the fix commit", status: try p.string("status"),
              source: "upstream git history", evidence: p.value["detail"]?.stringValue ?? "",
              location: p.value["commit"]?.stringValue.map { "commit " + $0.prefix(7) } ?? "")
    }

    /// `sources` and `fix_in_package`, when the report has them (bundles from before they existed do not).
    static func provenanceParts(_ p: Fields) throws -> [EvidenceContents.Criterion] {
        var rows: [EvidenceContents.Criterion] = []
        if let sources = p.value["sources"], !sources.isNull {
            let s = p.nested(sources, "sources.")
            let compared = s.value["compared"]?.numberValue?.intValue ?? 0, matched = s.value["matched"]?.numberValue?.intValue ?? 0
            rows.append(.init(id: "sources", title: "the package is its source", status: try s.string("status"),
                              source: "package ⇄ upstream tree", evidence: s.value["detail"]?.stringValue ?? "",
                              location: compared > 0 ? "\(matched) of \(compared) files equal" : ""))
        }
        if let fix = p.value["fix_in_package"], !fix.isNull {
            let f = p.nested(fix, "fix_in_package.")
            rows.append(.init(id: "fix-in-package", title: "the fix's changes are in the package", status: try f.string("status"),
                              source: "fix commit's diff", evidence: f.value["detail"]?.stringValue ?? "", location: ""))
        }
        return rows
    }

    static func suite(_ f: Fields) throws -> EvidenceContents.Suite {
        .init(status: try f.string("status"), passed: f.value["passed"]?.numberValue?.intValue,
              failed: f.value["failed"]?.numberValue?.intValue)
    }

    /// `final_assistant_key_diff` → "final assistant", with sides from its `only_in_<side>` keys.
    /// A not-run record has none, which reads as no key diff rather than an error.
    static func keyDiffs(_ diff: JSONValue) -> [EvidenceContents.KeyDiff] {
        guard let object = diff.objectValue else { return [] }
        return object.members.compactMap { member in
            guard member.key.hasSuffix("_key_diff"), let d = member.value.objectValue else { return nil }
            let only = d.members.filter { $0.key.hasPrefix("only_in_") }
            func names(_ v: JSONValue?) -> [String] { (v?.arrayValue ?? []).compactMap(\.stringValue) }
            return .init(title: member.key.dropLast("_key_diff".count).split(separator: "_").joined(separator: " "),
                         sides: only.map { String($0.key.dropFirst("only_in_".count)) },
                         onlyIn: only.map { names($0.value) },
                         shared: names(d["shared"]))
        }
    }

    static func bytes(_ directory: String, _ name: String) throws -> [UInt8] {
        let path = BundlePath.join(directory, name)
        switch BundleFiles.kind(root: directory, name: name) {
        case .regular: return try BundleFiles.read(path)
        case .missing: throw SourceError(file: path, line: nil, message: "missing from the bundle")
        default: throw SourceError(file: path, line: nil, message: "not a regular file")
        }
    }

    static func json(_ directory: String, _ name: String) throws -> JSONValue {
        let path = BundlePath.join(directory, name)
        do {
            let value = try JSONReader.parse(try bytes(directory, name))
            guard value.objectValue != nil else { throw SourceError(file: path, line: nil, message: "expected a JSON object") }
            return value
        } catch let e as JSONSyntaxError {
            throw SourceError(file: path, line: e.line, message: "column \(e.column): \(e.message)")
        }
    }

    static func text(_ directory: String, _ name: String) throws -> String {
        let raw = try bytes(directory, name)
        guard let s = String(validating: raw, as: UTF8.self) else {
            throw SourceError(file: BundlePath.join(directory, name), line: nil, message: "not UTF-8 text")
        }
        return s
    }
}

/// Typed member access whose errors name the file and the member (`predicate.qa.status`).
struct Fields {
    let value: JSONValue
    let path: String
    let prefix: String

    init(_ value: JSONValue, path: String, prefix: String = "") {
        self.value = value
        self.path = path
        self.prefix = prefix
    }

    func nested(_ v: JSONValue, _ key: String) -> Fields { Fields(v, path: path, prefix: prefix + key) }

    func fail(_ key: String, _ expected: String) -> SourceError {
        SourceError(file: path, line: nil, message: "\(prefix)\(key) is \(InTotoStatement.describe(value[key])), expected \(expected)")
    }

    func string(_ key: String) throws -> String {
        guard let s = value[key]?.stringValue else { throw fail(key, "a string") }
        return s
    }

    func bool(_ key: String) throws -> Bool {
        guard case .bool(let b)? = value[key] else { throw fail(key, "true or false") }
        return b
    }

    func object(_ key: String) throws -> JSONValue {
        guard let v = value[key], v.objectValue != nil else { throw fail(key, "an object") }
        return v
    }

    func strings(_ key: String) throws -> [String] {
        guard let items = value[key]?.arrayValue else { throw fail(key, "an array of strings") }
        return try items.map { item in
            guard let s = item.stringValue else { throw fail(key, "an array of strings") }
            return s
        }
    }

    /// An array of objects; with `optional`, an absent member reads as empty (an overridden
    /// gate has no criteria).
    func objects(_ key: String, optional: Bool = false) throws -> [Fields] {
        if optional, value[key] == nil { return [] }
        guard let items = value[key]?.arrayValue else { throw fail(key, "an array of objects") }
        return try items.enumerated().map { index, item in
            guard item.objectValue != nil else { throw fail(key, "an array of objects") }
            return nested(item, "\(key)[\(index)].")
        }
    }

    /// A path inside the bundle: the page links to it, so it must not reach outside.
    func bundleFile(_ key: String) throws -> String { try checkedFile(try string(key), key) }

    func checkedFile(_ name: String, _ key: String) throws -> String {
        if let problem = BundlePath.problem(name) { throw SourceError(file: path, line: nil, message: "\(prefix)\(key): \(problem)") }
        return name
    }
}
