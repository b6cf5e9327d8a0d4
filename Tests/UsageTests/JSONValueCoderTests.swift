import Foundation
import Support
import Testing

/// Typed values stored through the one JSON writer and read back through the one reader
/// (`JSONValueEncoder`/`JSONValueDecoder`): the rollout state and the HTTP cache's meta files.
@Suite struct JSONValueCoderTests {
    enum Why: Codable, Equatable {
        case plain
        case otherCrate(String)
        case reverted(by: String)
    }

    struct Record: Codable, Equatable {
        var name: String
        var code: Int32?
        var missing: String?
        var ratio: Double
        var small: UInt8
        var why: [Why]
        var table: [String: String?]
        var document: JSONValue

        enum CodingKeys: String, CodingKey {
            case name, code = "exit_code", missing, ratio, small, why, table, document
        }
    }

    static let sample = Record(name: "qa \"x\"\n", code: -3, missing: nil, ratio: 0.25, small: 255,
                               why: [.plain, .otherCrate("alchemy-core"), .reverted(by: "1a2b3c4")],
                               table: ["rust": "rust.json", "python": nil],
                               document: ["b": .number(JSONNumber(text: "1.50")), "a": [.null, "x"]])

    @Test func aValueComesBackEqualThroughTheWriterAndTheReader() throws {
        let text = JSONWriter.string(try JSONValueEncoder().encode(Self.sample))
        let back = try JSONValueDecoder().decode(Record.self, from: try JSONReader.parse(text))
        #expect(back == Self.sample)
    }

    @Test func membersKeepTheCodingKeysOrderAndADocumentKeepsItsOwn() throws {
        let json = try JSONValueEncoder().encode(Self.sample)
        #expect(json.objectValue?.keys == ["name", "exit_code", "ratio", "small", "why", "table", "document"],
                "a nil optional is left out; the rest in declaration order")
        // The embedded document is carried as it is: its member order and its number's spelling.
        let document = try #require(json["document"])
        #expect(JSONWriter.string(document, pretty: false) == #"{"b":1.50,"a":[null,"x"]}"#)
        #expect(JSONWriter.string(json["why"]!, pretty: false)
                == #"[{"plain":{}},{"otherCrate":{"_0":"alchemy-core"}},{"reverted":{"by":"1a2b3c4"}}]"#)
    }

    @Test func aWrongValueIsNamedByItsPath() throws {
        func error(_ text: String) throws -> String {
            var json = try JSONValueEncoder().encode(Self.sample).objectValue!
            let patch = try JSONReader.parse(text).objectValue!
            for m in patch.members { json[m.key] = m.value.isNull ? JSONValue?.none : m.value }
            do {
                _ = try JSONValueDecoder().decode(Record.self, from: .object(json))
                return "decoded"
            } catch let e as JSONDecodeError {
                return e.description
            }
        }
        #expect(try error(#"{"name": null}"#) == "name: missing")
        #expect(try error(#"{"name": 3}"#) == "name: expected a string, found an integer")
        #expect(try error(#"{"small": 256}"#) == "small: 256 is not an integer that fits UInt8")
        #expect(try error(#"{"exit_code": 1.5}"#) == "exit_code: 1.5 is not an integer that fits Int32")
        #expect(try error(#"{"why": [{"plain": {}}, {"reverted": {"by": 7}}]}"#) == "why.1.reverted.by: expected a string, found an integer")
        #expect(try error(#"{"table": []}"#) == "table: expected an object, found an array")
        // The control: the sample itself decodes.
        #expect(try error("{}") == "decoded")
    }

    @Test func aNumberJSONCannotSpellIsRefusedNotWritten() {
        var bad = Self.sample
        bad.ratio = .nan
        #expect(throws: JSONDecodeError.self) { try JSONValueEncoder().encode(bad) }
        bad.ratio = .infinity
        #expect(throws: JSONDecodeError.self) { try JSONValueEncoder().encode(bad) }
    }

    @Test func aJSONValueNeedsThisDecoder() {
        // Another decoder would lose member order and number text: it is refused, not guessed.
        #expect(throws: (any Error).self) { try JSONDecoder().decode(JSONValue.self, from: Data(#"{"a":1}"#.utf8)) }
    }
}
