import Foundation
import Testing
import TestSupport
@testable import Usage
import Support

@Suite struct JSONReaderTests {
    @Test func keepsNumberTextKeyOrderAndDuplicates() throws {
        let v = try JSONReader.parse(#"{"b": 1.0, "a": [1e3, -0, 99999999999999999999], "b": "x"}"#)
        let o = try #require(v.objectValue)
        #expect(o.keys == ["b", "a", "b"])
        #expect(o["b"] == "x", "the last duplicate wins, as in most readers")
        #expect(o.duplicateKeys == ["b"])
        let array = try #require(v["a"]?.arrayValue)
        let numbers = array.compactMap(\.numberValue)
        #expect(numbers.map(\.text) == ["1e3", "-0", "99999999999999999999"])
        #expect(numbers.map(\.isInteger) == [false, true, true])
        #expect(numbers[2].intValue == nil)
        #expect(numbers[1].isNegative == false)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONReader.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00 é""#)
        #expect(v == .string("a\"b\\c/d\n\té😀 é"))
    }

    @Test func writerRoundTrips() throws {
        let text = #"{"k": ["é\n\u0001", 1.5, -2, true, false, null, {}, []]}"#
        let v = try JSONReader.parse(text)
        #expect(try JSONReader.parse(JSONWriter.string(v)) == v)
        #expect(try JSONReader.parse(JSONWriter.string(v, pretty: false)) == v)
        #expect(JSONWriter.string(v, pretty: false) == #"{"k":["é\n\u0001",1.5,-2,true,false,null,{},[]]}"#)
    }

    @Test(arguments: [
        ("", "line 1, column 1: empty input"),
        ("{\"a\": 1,}", "line 1, column 9: expected a string key, found '}'"),
        ("[1,\n 2,\n 03]", "line 3, column 2: invalid number: leading zero"),
        ("\"abc", "line 1, column 1: unterminated string"),
        ("\"a\u{01}b\"", "line 1, column 3: control character 0x1 in string; it must be escaped"),
        ("\"\\ud800x\"", "line 1, column 2: invalid \\u escape: lone high surrogate"),
        ("\"\\q\"", "line 1, column 2: invalid escape '\\q'"),
        ("{} {}", "line 1, column 4: unexpected '{' after the JSON value"),
        ("1.", "line 1, column 1: invalid number: no digit after '.'"),
        ("nul", "line 1, column 1: invalid literal, expected null"),
        ("[1 2]", "line 1, column 4: expected ',' or ']' in array, found '2'"),
    ])
    func syntaxErrorsSayWhereAndWhat(text: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(text) }
        do {
            _ = try JSONReader.parse(text)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func invalidUTF8IsRefusedEvenInsideSkippedValues() throws {
        let bad: [UInt8] = Array(#"{"s": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(bad) }
        let overlong: [UInt8] = [0x22, 0xC0, 0xAF, 0x22]
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(overlong) }
        let surrogate: [UInt8] = [0x22, 0xED, 0xA0, 0x80, 0x22]
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(surrogate) }
        bad.withUnsafeBytes { bytes in
            var c = JSONCursor(bytes)
            #expect(throws: JSONSyntaxError.self) { try c.skipValue() }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONReader.parse(deep)
            Issue.record("expected a nesting error")
        } catch {
            #expect("\(error)".contains("nesting deeper than 256 levels"))
        }
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONReader.parse(ok) }
    }

    @Test func skippingValidatesWithoutBuilding() throws {
        let text = #"  {"a": [1, {"b": "\u00e9"}], "c": null} "#
        Array(text.utf8).withUnsafeBytes { bytes in
            var c = JSONCursor(bytes)
            #expect(throws: Never.self) {
                try c.skipValue()
                try c.expectEnd()
            }
            #expect(c.isAtEnd)
        }
    }
}

/// The depth limit every JSON caller goes through (JSONCursor.readObject/readArray): index
/// lines, captures, vcs info, rollout state, evidence files (issue 13, item 4).
@Suite struct JSONDepthTests {
    static func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }
    static func arrays(_ n: Int) -> String { repeated("[", n) + repeated("]", n) }
    static func objects(_ n: Int) -> String { repeated(#"{"a":"#, n) + "1" + repeated("}", n) }
    static let limit = "nesting deeper than \(JSONCursor.maxDepth) levels"

    @Test func theLimitIs256() {
        #expect(JSONCursor.maxDepth == 256)
    }

    /// At the limit a value is read, skipped, written, compared and freed on a 512 KiB stack;
    /// one level more is an error at the bracket too many.
    @Test(arguments: [
        (arrays(256), arrays(257), 1, 257),
        (objects(256), objects(257), 1, 5 * 256 + 1),
        (repeated(#"[{"b":"#, 128) + "1" + repeated("}]", 128), repeated(#"[{"b":"#, 128) + "[1]" + repeated("}]", 128), 1, 6 * 128 + 1),
        ("\n\n" + repeated("[\n", 256) + repeated("]", 256), "\n\n" + repeated("[\n", 257) + repeated("]", 257), 259, 1),
    ])
    func atTheLimitReadsAndOneOverIsAnError(ok: String, over: String, line: Int, column: Int) throws {
        let same = try onSmallStack {
            let value = try JSONReader.parse(ok)
            let again = try JSONReader.parse(JSONWriter.string(value))
            let compact = try JSONReader.parse(JSONWriter.string(value, pretty: false))
            try Array(ok.utf8).withUnsafeBytes { bytes in
                var c = JSONCursor(bytes)
                try c.skipValue()
                try c.expectEnd()
            }
            return value == again && value == compact
        }
        #expect(same)
        for skipping in [false, true] {
            do {
                try onSmallStack {
                    try Array(over.utf8).withUnsafeBytes { bytes in
                        var c = JSONCursor(bytes)
                        if skipping { try c.skipValue() } else { _ = try c.parseValue() }
                    }
                }
                Issue.record("expected a nesting error")
            } catch let error as JSONSyntaxError {
                #expect(error.message == Self.limit)
                #expect(error.line == line)
                #expect(error.column == column)
            }
        }
    }

    /// About 5,000 levels (and 100,000): an error, not a SIGSEGV, on a 512 KiB stack, through
    /// each way a caller reads JSON.
    @Test(arguments: [
        arrays(5_000),
        repeated("[", 100_000),
        objects(5_000),
        repeated(#"[{"b":"#, 5_000),
        #"{"name":"alchemy-llm","vers":"0.1.3","deps":"# + arrays(5_000) + "}",
        #"{"events":[{"type":"message_end","message":"# + objects(5_000) + "}]}",
    ])
    func fiveThousandLevelsAreAnErrorNotACrash(text: String) throws {
        do {
            _ = try onSmallStack { try JSONReader.parse(text) }
            Issue.record("expected a nesting error")
        } catch let error as JSONSyntaxError {
            #expect(error.message == Self.limit)
        }
        let skipped = try onSmallStack {
            Array(text.utf8).withUnsafeBytes { bytes -> String in
                var c = JSONCursor(bytes)
                do { try c.skipValue() } catch { return "\(error)" }
                return "skipped"
            }
        }
        #expect(skipped.hasSuffix(Self.limit))
        let capture = try onSmallStack { () -> String in
            do { _ = try CaptureReader.parse(text, file: "capture.json") } catch { return "\(error)" }
            return "read"
        }
        #expect(capture.hasPrefix("capture.json: "), "\(capture)")
        #expect(capture.contains(Self.limit), "\(capture)")
    }
}
