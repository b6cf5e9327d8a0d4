import Checks
import Testing

@Suite struct TOMLReaderTests {
    let manifest = """
        # A workspace member
        [package]
        name = "tiny-agent"   # trailing comment
        version = "0.3.0"
        authors = ["A <a@x>", 'B',
          # comment inside an array
          "C",]

        [dependencies]
        alchemy-llm = "0.1.1"
        serde = { version = "1", features = ["derive"] }
        tokio.version = "1.38"
        tokio.features = ["rt"]

        [target.'cfg(unix)'.dependencies]
        nix = "0.29"

        [dependencies.renamed]
        package = "alchemy-llm"
        version = "=0.1.1"

        [[bin]]
        name = "a"
        [[bin]]
        name = "b"
        """

    @Test func readsTablesInlineTablesDottedKeysAndArraysOfTables() throws {
        let doc = try TOMLReader.parse(manifest)
        #expect(doc.keys == ["package", "dependencies", "target", "bin"])
        let deps = try #require(doc["dependencies"]?.value.tableValue)
        #expect(deps.keys == ["alchemy-llm", "serde", "tokio", "renamed"])
        #expect(deps["alchemy-llm"]?.value == .string("0.1.1"))
        #expect(deps["serde"]?.value.tableValue?["version"]?.value == .string("1"))
        #expect(deps["tokio"]?.value.tableValue?["features"]?.value.arrayValue?.count == 1)
        #expect(deps["renamed"]?.value.tableValue?["package"]?.value == .string("alchemy-llm"))
        let unix = doc["target"]?.value.tableValue?["cfg(unix)"]?.value.tableValue?["dependencies"]?.value.tableValue
        #expect(unix?["nix"]?.value == .string("0.29"))
        #expect(doc["bin"]?.value.arrayValue?.compactMap { $0.value.tableValue?["name"]?.value.stringValue } == ["a", "b"])
        #expect(doc["package"]?.value.tableValue?["authors"]?.value.arrayValue?.count == 3)
    }

    @Test func spansPointAtTheValueBytes() throws {
        let doc = try TOMLReader.parse(manifest)
        let node = try #require(doc["dependencies"]?.value.tableValue?["alchemy-llm"])
        let bytes = Array(manifest.utf8)
        #expect(String(decoding: bytes[node.span.start..<node.span.end], as: UTF8.self) == "\"0.1.1\"")
        #expect(node.span.line == 10)
    }

    @Test func scalarsOfEveryKind() throws {
        let doc = try TOMLReader.parse("""
            a = 1_000
            b = -0x1F
            c = 0o17
            d = 0b101
            e = 6.5e-1
            f = inf
            g = true
            h = 1979-05-27T07:32:00Z
            i = 1979-05-27 07:32:00
            j = \"\"\"
            one \\
              two\"\"\"
            k = '''
            raw \\n'''
            l = "tab\\t\\u00e9"
            """.replacingOccurrences(of: "b = -0x1F", with: "b = 0x1F"))
        #expect(doc["a"]?.value == .integer(1000))
        #expect(doc["b"]?.value == .integer(31))
        #expect(doc["c"]?.value == .integer(15))
        #expect(doc["d"]?.value == .integer(5))
        #expect(doc["e"]?.value == .float(0.65))
        #expect(doc["f"]?.value == .float(.infinity))
        #expect(doc["g"]?.value == .bool(true))
        #expect(doc["h"]?.value == .datetime("1979-05-27T07:32:00Z"))
        #expect(doc["i"]?.value == .datetime("1979-05-27 07:32:00"))
        #expect(doc["j"]?.value == .string("one two"))
        #expect(doc["k"]?.value == .string("raw \\n"))
        #expect(doc["l"]?.value == .string("tab\té"))
    }

    @Test(arguments: [
        ("a = 1\na = 2", "line 2: duplicate key a"),
        ("[x]\n[x]", "line 2: table [x] is defined twice"),
        ("a = \"open\nb = 1", "line 1: unterminated string (a basic string ends on its line)"),
        ("a = 01", "line 1: invalid value 01"),
        ("a = 1 b = 2", "line 1: expected the end of the line, found 'b'"),
        ("a = [1, 2", "line 1: expected ',' or ']' in array, found end of file"),
        ("[dependencies]\nx = { version = \"1\" }\n[dependencies.x]", "line 3: table [dependencies.x] is already defined as an inline table"),
        ("= 1", "line 1: expected a key, found '='"),
        ("a = \"\\q\"", "line 1: invalid escape '\\q'"),
        ("x.y = 1\n[x]", "line 2: table [x] is defined twice"),
    ])
    func errorsNameTheLine(text: String, message: String) {
        do {
            _ = try TOMLReader.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect("\(error)" == message)
        }
    }
}
