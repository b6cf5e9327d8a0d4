import Checks
import Support

/// in-toto Statement v1 documents: statement.intoto.json (subjects = the bundle's files), and
/// the frame of every other statement gatekeeper writes.
enum InTotoStatement {
    static let type = "https://in-toto.io/Statement/v1"
    static let predicateType = "https://gatekeeper.dev/evidence/v1"

    /// Members in the order of the in-toto specification.
    static func document(subjects: [ResourceDescriptor], predicateType: String, predicate: JSONValue) -> JSONValue {
        [
            "_type": .string(type),
            "subject": .array(subjects.map(\.json)),
            "predicateType": .string(predicateType),
            "predicate": predicate,
        ]
    }

    /// statement.intoto.json: the bundle's files as subjects, by name and sha256.
    static func document(_ digests: DigestList, predicate: JSONValue) -> JSONValue {
        document(subjects: digests.entries.map { ResourceDescriptor(name: $0.name, uri: nil, digest: ["sha256": $0.sha256]) },
                 predicateType: predicateType, predicate: predicate)
    }

    /// The subjects of a statement file; `path` names it in errors.
    static func subjects(_ bytes: [UInt8], path: String) throws -> DigestList {
        let json: JSONValue
        do {
            json = try JSONReader.parse(bytes)
        } catch let e as JSONSyntaxError {
            throw SourceError(file: path, line: e.line, message: "column \(e.column): \(e.message)")
        }
        guard json.objectValue != nil else { throw SourceError(file: path, line: nil, message: "expected a JSON object") }
        guard json["_type"]?.stringValue == type else {
            throw SourceError(file: path, line: nil, message: "_type is \(describe(json["_type"])), expected \"\(type)\"")
        }
        guard json["predicateType"]?.stringValue == predicateType else {
            throw SourceError(file: path, line: nil, message: "predicateType is \(describe(json["predicateType"])), expected \"\(predicateType)\"")
        }
        guard let subjects = json["subject"]?.arrayValue else {
            throw SourceError(file: path, line: nil, message: "subject is \(describe(json["subject"])), expected an array")
        }
        var entries: [DigestList.Entry] = []
        var seen = Set<String>()
        for (index, subject) in subjects.enumerated() {
            let which = "subject \(index + 1)"
            guard let name = subject["name"]?.stringValue else {
                throw SourceError(file: path, line: nil, message: "\(which) has no string name")
            }
            if let problem = BundlePath.problem(name) { throw SourceError(file: path, line: nil, message: "\(which): \(problem)") }
            guard let digest = subject["digest"]?["sha256"]?.stringValue, digest.utf8.count == 64, DigestList.isHex(digest.utf8) else {
                throw SourceError(file: path, line: nil, message: "\(which) (\(name)) has no digest.sha256 of 64 hex digits")
            }
            guard seen.insert(name).inserted else { throw SourceError(file: path, line: nil, message: "\(which): '\(name)' is listed twice") }
            entries.append(.init(name: name, sha256: digest.lowercased()))
        }
        return DigestList(entries)
    }

    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "missing" }
        if let s = value.stringValue { return "\"\(PrintableText.line(s))\"" }
        return value.typeDescription
    }
}
