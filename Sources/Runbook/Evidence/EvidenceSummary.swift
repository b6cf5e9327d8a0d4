import Usage
import Support

/// What the input amounts to, decided once so that gate.json, qa.json, PR.md and the statement
/// never disagree. Anything not run or unreadable is never a pass.
struct EvidenceSummary {
    struct Suite: Equatable {
        /// "pass"/"fail" (contracts), "aligned"/"drift" (parity), "not run", or "unknown" when
        /// the result could not be read.
        let status: String
        let passed: Int?
        let failed: Int?
        var ran: Bool { status != "not run" }
    }

    struct Capture: Equatable {
        let name: String
        let captured: Bool
        /// The bundle file: the copy, or the not-run record.
        let file: String
        var status: String { captured ? "captured" : "not run" }
    }

    struct Acceptance: Equatable {
        let item: AcceptanceItem
        /// Evidence paths as linked (a not-run capture points at its record).
        let evidence: [String]
        /// For each evidence file that is not positive: why ("not run", "fail", …).
        let weakEvidence: [String: String]
        /// Holds per the caller, has evidence, and none of it is a not-run or failed record.
        var ticked: Bool { item.holds && !evidence.isEmpty && weakEvidence.isEmpty }
    }

    let gateVerdict: String
    let contracts: Suite
    let captures: [Capture]
    let parity: Suite
    let qa: Suite
    let acceptance: [Acceptance]

    static let notRun = "not run"

    init(_ input: EvidenceInput) {
        gateVerdict = Self.gateVerdict(input)
        contracts = Self.contractsSuite(input.contracts)
        captures = input.captures.map { c in
            c.sourcePath == nil
                ? Capture(name: c.name, captured: false, file: EvidenceLayout.captureNotRun(c.name))
                : Capture(name: c.name, captured: true, file: EvidenceLayout.capture(c.name))
        }
        parity = Self.paritySuite(input.paritySummary)
        let qaPassed = input.qa.filter(\.passed).count
        qa = input.qa.isEmpty
            ? Suite(status: Self.notRun, passed: nil, failed: nil)
            : Suite(status: qaPassed == input.qa.count ? "pass" : "fail", passed: qaPassed, failed: input.qa.count - qaPassed)

        var weak: [String: String] = [:]
        if input.contracts == nil { weak[EvidenceLayout.contracts] = Self.notRun }
        else if contracts.status != "pass" { weak[EvidenceLayout.contracts] = contracts.status }
        if input.contractsJUnit == nil { weak[EvidenceLayout.contractsJUnit] = Self.notRun }
        else if let why = weak[EvidenceLayout.contracts] { weak[EvidenceLayout.contractsJUnit] = why }
        let parityWhy = parity.status == "aligned" ? nil : parity.status
        if input.parityDiff == nil { weak[EvidenceLayout.parityDiff] = Self.notRun }
        else if let parityWhy { weak[EvidenceLayout.parityDiff] = parityWhy }
        if let parityWhy { weak[EvidenceLayout.paritySummary] = parityWhy }
        if qa.status != "pass" { weak[EvidenceLayout.qa] = qa.status }
        for record in input.qa where !record.passed { weak[record.logPath] = record.status }
        var renamed: [String: String] = [:]
        for c in captures where !c.captured {
            weak[c.file] = Self.notRun
            renamed[EvidenceLayout.capture(c.name)] = c.file
        }
        acceptance = input.acceptance.map { item in
            let evidence = item.evidence.map { renamed[$0] ?? $0 }
            var why: [String: String] = [:]
            for file in evidence { if let w = weak[file] { why[file] = w } }
            return Acceptance(item: item, evidence: evidence, weakEvidence: why)
        }
    }

    /// "skipped" when overridden, else "open"/"closed" from the report's `open`, else "unknown".
    static func gateVerdict(_ input: EvidenceInput) -> String {
        if input.gateOverride != nil { return "skipped" }
        switch input.gate["open"] {
        case .bool(true)?: return "open"
        case .bool(false)?: return "closed"
        default: return "unknown"
        }
    }

    /// A pass needs readable counts, at least one case and no failure.
    static func contractsSuite(_ json: JSONValue?) -> Suite {
        guard let json else { return Suite(status: notRun, passed: nil, failed: nil) }
        guard let passed = json["passed"]?.numberValue?.intValue, let failed = json["failed"]?.numberValue?.intValue,
              passed >= 0, failed >= 0 else {
            return Suite(status: "unknown", passed: nil, failed: nil)
        }
        return Suite(status: failed == 0 && passed > 0 ? "pass" : "fail", passed: passed, failed: failed)
    }

    /// The summary's verdict ("aligned" or "drift").
    static func paritySuite(_ summary: JSONValue?) -> Suite {
        guard let summary else { return Suite(status: notRun, passed: nil, failed: nil) }
        switch summary["verdict"]?.stringValue {
        case "aligned"?: return Suite(status: "aligned", passed: nil, failed: nil)
        case "drift"?: return Suite(status: "drift", passed: nil, failed: nil)
        default: return Suite(status: "unknown", passed: nil, failed: nil)
        }
    }
}
