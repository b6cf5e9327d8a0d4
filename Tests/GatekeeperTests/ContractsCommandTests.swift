import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Usage
import Support

@Suite struct ContractsCommandTests {
    @Test func builtInSuitePassesWithAtLeastTwentyCases() throws {
        let r = try CLI.run(["contracts"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let last = try #require(r.lines.last)
        let parts = last.split(separator: " ")
        #expect(parts.count == 4 && parts[1] == "passed," && parts[3] == "failed")
        #expect((Int(parts[0]) ?? 0) >= 20)
        #expect(parts[2] == "0")
        #expect(r.lines.count == 1, "only the summary line when nothing fails")
    }

    @Test func junitReportHasOneTestCasePerCase() throws {
        let dir = try TempDir()
        let r = try CLI.run(["contracts", "--junit", dir.path("reports/contracts.junit.xml")])
        #expect(r.status == 0)
        let xml = try dir.read("reports/contracts.junit.xml")
        let passed = Int(r.lines.last?.split(separator: " ").first ?? "") ?? -1
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == passed)
        #expect(xml.contains("failures=\"0\""))
        _ = try XMLDocument(xmlString: xml)
    }

    @Test func aFailingFixtureIsListedAndFailsTheRun() throws {
        let dir = try TempDir()
        try dir.write("cases/wrong.json", """
            {"name": "a wrong expectation", "kind": "normalize",
             "input": {"prompt_tokens": 100, "completion_tokens": 20, "completion_tokens_details": {"reasoning_tokens": 7}},
             "expect": {"usage": {"input": 100, "output": 27, "cache_read": 0, "cache_write": 0, "total_tokens": 127,
                        "cost": {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0, "total": 0}}}}
            """)
        let r = try CLI.run(["contracts", "--fixtures", dir.path("cases"), "--junit", dir.path("j.xml")])
        #expect(r.status == 1)
        let fails = r.lines.filter { $0.hasPrefix("FAIL ") }
        #expect(fails.count == 1)
        #expect(fails.first?.contains("a wrong expectation") == true)
        #expect(fails.first?.contains("\"output\":20") == true)
        #expect(r.lines.last?.hasSuffix(" passed, 1 failed") == true)
        #expect(try dir.read("j.xml").contains("<failure message="))
    }

    @Test func aMalformedCaseFileIsAnErrorNamingFileAndKey() throws {
        let dir = try TempDir()
        let file = try dir.write("cases/odd.json", #"{"name": "x", "kind": "normalize", "inptu": {}, "expect": {"error": "x"}}"#)
        let r = try CLI.run(["contracts", "--fixtures", dir.path("cases")])
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: \(file): unknown key \"inptu\"\n")
    }

    @Test func jsonFormatIsOneDocument() throws {
        let r = try CLI.run(["contracts", "--format", "json"])
        #expect(r.status == 0)
        let doc = try JSONReader.parse(r.stdout)
        #expect(doc["failed"]?.numberValue?.intValue == 0)
        #expect((doc["cases"]?.arrayValue?.count ?? 0) >= 20)
    }
}
