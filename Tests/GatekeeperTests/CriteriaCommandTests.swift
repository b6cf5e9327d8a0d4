import Foundation
import Testing
import Usage
import Support

/// `gatekeeper criteria test`: the built-in corpus, and a team's own cases against its own criteria.
@Suite struct CriteriaCommandTests {
    @Test func theBuiltInCorpusHoldsAndEndsWithTheCounts() throws {
        let r = try CLI.run(["criteria", "test"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let last = try #require(r.lines.last)
        let n = Int(last.split(separator: " ").first ?? "") ?? 0
        #expect(last == "\(n) passed, 0 failed")
        #expect(n >= 80)
    }

    /// A repository with its own criterion, and case files for it.
    func team(_ cases: [String: String]) throws -> TempDir {
        let dir = try TempDir()
        try dir.write("gatekeeper.toml", """
            [[gate]]
            dependency = "alchemy-llm"
            manifests  = ["Cargo.toml"]
            preset     = "usage-semantics"

              [[gate.criteria]]
              id       = "retries"
              patterns = ["(?i)retr(y|ies)\\\\W+(\\\\w+\\\\W+){0,5}429"]
            """)
        try FileManager.default.createDirectory(atPath: dir.path("cases"), withIntermediateDirectories: true)
        for (name, text) in cases { try dir.write("cases/\(name)", text) }
        return dir
    }

    static let honest = #"{"name": "retries stated", "criterion": "retries", "source": "changelog", "text": "- Retry streamed completions on HTTP 429", "expect": "pass"}"#
    static let attack = #"{"name": "retries planned", "criterion": "retries", "source": "commit", "text": "feat: models\n\n- add o3\\n- TODO: retry on HTTP 429", "expect": "fail", "why": "intent"}"#

    @Test func aTeamsOwnCasesRunAgainstItsOwnCriteria() throws {
        let dir = try team(["a.json": Self.honest, "b.json": Self.attack])
        let r = try CLI.run(["criteria", "test", "--repo", dir.url.path, "--cases", dir.path("cases")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.lines == ["2 passed, 0 failed"])
        let json = try CLI.run(["criteria", "test", "--repo", dir.url.path, "--cases", dir.path("cases"), "--format", "json"])
        let doc = try JSONReader.parse(json.stdout)
        #expect(doc["passed"] == .number(JSONNumber(2)))
        #expect(doc["cases"]?.arrayValue?.compactMap { $0["verdict"]?.stringValue } == ["pass", "fail"])
    }

    @Test func aCaseThatDoesNotHoldIsNamedAndExitsOne() throws {
        // The attack expected to pass: the planned retry must not count, so this case fails.
        let wrong = Self.attack.replacingOccurrences(of: #""expect": "fail", "why": "intent""#, with: #""expect": "pass""#)
        let dir = try team(["a.json": Self.honest, "b.json": wrong])
        let r = try CLI.run(["criteria", "test", "--repo", dir.url.path, "--cases", dir.path("cases")])
        #expect(r.status == 1)
        #expect(r.lines.count == 2)
        #expect(r.lines.first?.hasPrefix("FAIL retries planned (\(dir.path("cases/b.json"))): expected pass, got fail (rejected: intent at commit 0000000") == true, "\(r.stdout)")
        #expect(r.lines.last == "1 passed, 1 failed")
    }

    @Test(arguments: [
        (#"{"name": "x", "criterion": "retries", "source": "tweet", "text": "t", "expect": "pass"}"#, #""source" must be "changelog" or "commit""#),
        (#"{"name": "x", "criterion": "nope", "source": "commit", "text": "t", "expect": "pass"}"#, #""criterion": no criterion "nope" (known: provider-raw, total-tokens, cache-fields, overflow-input-only, retries)"#),
        ("{", "not valid JSON"),
    ])
    func aBadCaseFileIsOneLineNamingItAndExitsTwo(text: String, message: String) throws {
        let dir = try team(["bad.json": text])
        let r = try CLI.run(["criteria", "test", "--repo", dir.url.path, "--cases", dir.path("cases")])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("gatekeeper: error: \(dir.path("cases/bad.json")): \(message)"), "\(r.stderr)")
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }
}
