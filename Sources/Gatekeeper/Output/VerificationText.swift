import Runbook
import Support

/// How `gatekeeper evidence verify` shows a report, text lines or one JSON document: the one
/// renderer the command prints.
extension VerificationReport {
    /// `intact: 13 files match SHA256SUMS and statement.intoto.json`, or one line per problem
    /// (`altered: gate.json (sha256 … differs from SHA256SUMS (…))`) and a closing count.
    var textLines: [String] {
        if intact {
            return ["intact: \(checked) files match \(EvidenceLayout.sums) and \(EvidenceLayout.statement)", signatureLine]
        }
        var lines: [String] = []
        for (label, names) in [("altered", altered), ("missing", missing), ("unexpected", unexpected)] {
            for name in names {
                lines.append("\(label): \(PrintableText.line(name))" + (reasons[name].map { " (\(PrintableText.line($0)))" } ?? ""))
            }
        }
        for name in BundlePath.sorted(Array(signatureProblems.keys)) {
            lines.append("signature: \(PrintableText.line(name)) (\(PrintableText.line(signatureProblems[name] ?? "")))")
        }
        lines.append("not intact: \(altered.count) altered, \(missing.count) missing, \(unexpected.count) unexpected, "
            + "\(signatureProblems.count) signature problem\(signatureProblems.count == 1 ? "" : "s"); \(checked) files checked")
        return lines
    }

    /// "signed by key 3f2a…, verified", "signed by key 3f2a… (not checked: no --key)", "unsigned".
    var signatureLine: String {
        switch signature {
        case .unsigned: return "unsigned: no DSSE envelope (sign with a key: [evidence] signing_key_env or --signing-key)"
        case .signed(let ids, let verified):
            let keys = ids.map { PrintableText.line($0) }.joined(separator: ", ")
            return verified ? "signed: every envelope verifies with key \(keys)" : "signed by key \(keys) (signatures not checked: give --key PUB.pem)"
        }
    }

    var signatureJSON: JSONValue {
        switch signature {
        case .unsigned: return ["status": "unsigned"]
        case .signed(let ids, let verified): return ["status": "signed", "keyids": .array(ids.map { .string($0) }), "verified": .bool(verified)]
        }
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
            "signature": signatureJSON,
            "signature_problems": .object(JSONObject(BundlePath.sorted(Array(signatureProblems.keys)).map {
                .init(key: $0, value: .string(signatureProblems[$0] ?? ""))
            })),
        ]
    }
}
