import Runbook
import Support

/// How `gatekeeper evidence verify` shows a report, text lines or one JSON document: the one
/// renderer the command prints.
extension VerificationReport {
    /// `intact: 13 files match SHA256SUMS and statement.intoto.json`, or one line per problem
    /// (`altered: gate.json (sha256 … differs from SHA256SUMS (…))`) and a closing count.
    var textLines: [String] {
        if intact {
            return ["intact: \(checked) files match \(EvidenceLayout.sums) and \(EvidenceLayout.statement)"]
        }
        var lines: [String] = []
        for (label, names) in [("altered", altered), ("missing", missing), ("unexpected", unexpected)] {
            for name in names {
                lines.append("\(label): \(PrintableText.line(name))" + (reasons[name].map { " (\(PrintableText.line($0)))" } ?? ""))
            }
        }
        lines.append("not intact: \(altered.count) altered, \(missing.count) missing, \(unexpected.count) unexpected; \(checked) files checked")
        return lines
    }

    var json: JSONValue {
        [
            "intact": .bool(intact),
            "checked": .number(JSONNumber(checked)),
            "altered": .array(altered.map { .string($0) }),
            "missing": .array(missing.map { .string($0) }),
            "unexpected": .array(unexpected.map { .string($0) }),
            "reasons": .object(JSONObject(BundlePath.sorted(Array(reasons.keys)).map {
                .init(key: $0, value: .string(reasons[$0] ?? ""))
            })),
        ]
    }
}
