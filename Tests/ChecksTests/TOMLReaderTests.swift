import Checks
import Foundation
import Testing
import TestSupport
@testable import TOML
@testable import Cargo

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

/// The depth limit: values inside at most 128 arrays, inline tables and tables parse; deeper
/// ones are an error naming the line, never a crash, however deep (issue 13, item 4).
@Suite struct TOMLDepthTests {
    static func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }
    static func arrays(_ n: Int) -> String { repeated("[", n) + repeated("]", n) }
    static func inlineTables(_ n: Int) -> String { repeated("{a=", n) + "1" + repeated("}", n) }
    static func dotted(_ n: Int) -> String { Array(repeating: "a", count: n).joined(separator: ".") }
    static let limit = "nesting deeper than 128 levels (arrays, inline tables and tables)"

    /// The containers around the deepest value, `value` included.
    static func depth(of value: TOMLValue) -> Int {
        switch value {
        case .array(let nodes): return 1 + (nodes.map { depth(of: $0.value) }.max() ?? 0)
        case .table(let table): return 1 + (table.entries.map { depth(of: $0.node.value) }.max() ?? 0)
        default: return 0
        }
    }

    @Test func theLimitIs128() {
        #expect(TOMLReader.maxDepth == 128)
    }

    /// At the limit it parses (and the tree is that deep); one level more is an error on the
    /// line of the level too many.
    @Test(arguments: [
        // (at the limit, one over, the line of the error)
        ("x = " + arrays(128), "x = " + arrays(129), 1),
        ("x = " + inlineTables(128), "x = " + inlineTables(129), 1),
        ("# c\n\nx = " + repeated("[{a=", 64) + "1" + repeated("}]", 64),
         "# c\n\nx = " + repeated("[{a=", 64) + "[1]" + repeated("}]", 64), 3),
        // A header's parts are tables: 128 of them, and a key with an empty array under them.
        ("b = 1\n[" + dotted(128) + "]\nk = 1", "b = 1\n[" + dotted(129) + "]\nk = 1", 2),
        ("[" + dotted(127) + "]\nk = []", "[" + dotted(128) + "]\nk = []", 2),
        // A dotted key's parts but the last are tables.
        (dotted(129) + " = 1", dotted(130) + " = 1", 1),
        // [p.q] y.z = [[…]]: two tables, one more by the dotted key, then the arrays.
        ("[p.q]\ny.z = " + arrays(125), "[p.q]\ny.z = " + arrays(126), 2),
        // Dotted keys inside an inline table.
        ("x = {" + dotted(128) + " = 1}", "x = {" + dotted(129) + " = 1}", 1),
        // Arrays of tables: the level is where the arrays begin on a later line.
        ("[[t]]\n[t.u]\nv = [\n" + repeated("[\n", 125) + repeated("]", 126),
         "[[t]]\n[t.u]\nv = [\n" + repeated("[\n", 126) + repeated("]", 127), 129),
    ])
    func atTheLimitParsesAndOneOverIsAnErrorWithTheLine(ok: String, over: String, line: Int) throws {
        let doc = try onSmallStack { try TOMLReader.parse(ok) }
        #expect(Self.depth(of: .table(doc)) - 1 <= 128 + 1, "arrays of tables may add one level per header part")
        do {
            _ = try onSmallStack { try TOMLReader.parse(over) }
            Issue.record("expected a nesting error")
        } catch let error as TOMLError {
            #expect("\(error)" == "line \(line): \(Self.limit)")
        }
    }

    @Test func theDepthCountedIsTheTreesDepth() throws {
        let doc = try TOMLReader.parse("x = " + Self.arrays(128))
        #expect(Self.depth(of: .table(doc)) - 1 == 128, "the root not counted")
        let inline = try TOMLReader.parse("[p.q]\ny.z = " + Self.inlineTables(125))
        #expect(Self.depth(of: .table(inline)) - 1 == 128)
        let header = try TOMLReader.parse("[" + Self.dotted(127) + "]\nk = []")
        #expect(Self.depth(of: .table(header)) - 1 == 128)
    }

    /// About 5,000 levels, as in the issue: an error (not a SIGSEGV) on a 512 KiB stack.
    @Test(arguments: [
        ("x = " + arrays(5_000), 1),
        ("x = " + repeated("[", 5_000), 1),  // never closed
        ("x = " + inlineTables(5_000), 1),
        ("x = " + repeated("[{b=", 5_000), 1),  // arrays of inline tables, mixed
        ("x = " + repeated("{a.b.c=", 5_000), 1),  // dotted keys in inline tables
        ("[package]\nname = \"p\"\n\n[package.metadata.x]\ny = " + arrays(5_000), 5),
        ("contact = " + repeated("[\n", 5_000) + repeated("]", 5_000), 129),
        ("[" + dotted(5_000) + "]\n", 1),
        ("[[" + dotted(5_000) + "]]\n", 1),
        (dotted(5_000) + " = 1", 1),
        ("y = [" + repeated("{a=[\"x\",", 5_000), 1),
    ])
    func fiveThousandLevelsAreAnErrorNotACrash(text: String, line: Int) throws {
        do {
            _ = try onSmallStack { try TOMLReader.parse(text) }
            Issue.record("expected a nesting error")
        } catch let error as TOMLError {
            #expect("\(error)" == "line \(line): \(Self.limit)")
        }
    }

    /// What reads the tree afterwards recurses too; at the limit it has the room it needs.
    @Test func aTreeAtTheLimitIsComparedAndWalked() throws {
        let text = "[dependencies]\nalchemy-llm = \"0.1.1\"\n[package.metadata.x]\ny = " + Self.arrays(125)
            + "\nz = " + Self.inlineTables(125)
        let equal = try onSmallStack {
            let a = try TOMLReader.parse(text)
            let b = try TOMLReader.parse(text)
            let found = try ManifestDependencies.find("alchemy-llm", in: a, file: "Cargo.toml")
            return a == b && found.count == 1
        }
        #expect(equal)
    }
}
