import Usage
import Support

/// The verdict on one `[[gate]]`.
public struct GateReport: Sendable, Codable {
    public let id: String
    public let dependency: String
    public let current: String
    public let candidate: String?
    /// The newest live version above the pin, compatible or not (nil when none).
    public let latest: String?
    /// Set when `latest` is newer than the candidate and outside the pin's compatibility range.
    public let latestIncompatible: Bool
    /// The earliest version above the pin whose vcs commit contains the fix, when the packages
    /// already fetched are enough to know it.
    public let firstWithFix: String?
    public let reasons: [String]
    public let criteria: [CriterionResult]
    public let provenance: ProvenanceResult
    public let pins: [PinnedVersion.Pin]
    /// What the report read, for the reviewer: "changelog: CHANGELOG.md in the package", …
    public let notes: [String]
    /// The candidate's `.crate` as the registry lists it (its sha256 is the index `cksum`).
    public let subject: ResourceDescriptor?
    /// What the verdict was read from: the index file, the changelog, the upstream commits.
    public let inputs: [ResourceDescriptor]

    public init(id: String, dependency: String, current: String, candidate: String?, latest: String? = nil,
                latestIncompatible: Bool = false, firstWithFix: String? = nil, reasons: [String],
                criteria: [CriterionResult], provenance: ProvenanceResult, pins: [PinnedVersion.Pin], notes: [String],
                subject: ResourceDescriptor? = nil, inputs: [ResourceDescriptor] = []) {
        self.id = id
        self.dependency = dependency
        self.current = current
        self.candidate = candidate
        self.latest = latest
        self.latestIncompatible = latestIncompatible
        self.firstWithFix = firstWithFix
        self.reasons = reasons
        self.criteria = criteria
        self.provenance = provenance
        self.pins = pins
        self.notes = notes
        self.subject = subject
        self.inputs = inputs
    }

    /// Open only with a candidate, every criterion passed, provenance holding and no other reason.
    public var open: Bool {
        candidate != nil && reasons.isEmpty && !criteria.isEmpty && criteria.allSatisfy(\.passed) && provenance.holds
    }

    /// Which PLAN.md `<!-- gate:ID -->` markers this report proves.
    public var provenMarkers: [String] {
        var ids: [String] = []
        if candidate != nil { ids.append("published") }
        ids += criteria.filter(\.passed).map(\.id)
        if provenance.status == .pass { ids.append("provenance") }
        return ids
    }

    public var json: JSONValue {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        let criteria: [JSONValue] = self.criteria.map { c in
            [
                "id": .string(c.id),
                "title": .string(c.title),
                "status": .string(c.status),
                "source": str(c.source),
                "evidence": str(c.evidence),
                "location": str(c.location),
                "rejected": .array(c.rejected.map { miss in
                    [
                        "evidence": .string(miss.evidence),
                        "location": .string(miss.location),
                        "source": .string(miss.source),
                        "why": .string(miss.why),
                        "detail": .string(miss.rejection.explanation),
                    ]
                }),
            ]
        }
        let pins: [JSONValue] = self.pins.map { p in
            [
                "file": .string(p.file),
                "table": .string(p.declaration.table),
                "line": .number(JSONNumber(p.declaration.line)),
                "requirement": str(p.declaration.requirement?.text),
            ]
        }
        let report: JSONValue = [
            "id": .string(id),
            "dependency": .string(dependency),
            "current": .string(current),
            "candidate": str(candidate),
            "latest": str(latest),
            "first_with_fix": str(firstWithFix),
            "open": .bool(open),
            "reasons": .array(reasons.map { .string($0) }),
            "criteria": .array(criteria),
            "provenance": provenance.json,
            "pins": .array(pins),
            "notes": .array(notes.map { .string($0) }),
        ]
        return report.omittingNull("first_with_fix")
    }
}

/// The verdict on every gate of a config.
public struct CheckReport: Sendable {
    public let gates: [GateReport]
    public let requestsTotal: Int
    public let requestsNotModified: Int

    public init(gates: [GateReport], requestsTotal: Int, requestsNotModified: Int) {
        self.gates = gates
        self.requestsTotal = requestsTotal
        self.requestsNotModified = requestsNotModified
    }

    public var open: Bool { !gates.isEmpty && gates.allSatisfy(\.open) }

    public var json: JSONValue {
        [
            "open": .bool(open),
            "gates": .array(gates.map(\.json)),
            "requests": [
                "total": .number(JSONNumber(requestsTotal)),
                "not_modified": .number(JSONNumber(requestsNotModified)),
            ],
        ]
    }
}
