import Testing
@testable import Usage

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
            #expect("\(error)".contains("nesting deeper than 512 levels"))
        }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
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
