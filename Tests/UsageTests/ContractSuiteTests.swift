import Foundation
import Testing
import Usage
import Support

@Suite struct ContractSuiteTests {
    @Test func builtInCasesAllPassAndCoverEveryKind() throws {
        let cases = try ContractSuite.builtInCases()
        #expect(cases.count >= 20)
        #expect(Set(cases.map(\.kind)) == Set(ContractCase.Kind.allCases))
        let result = ContractSuite.run(cases)
        for r in result.results where !r.passed {
            Issue.record("\(r.contractCase.file): \(r.failure ?? "")")
        }
        #expect(result.summaryLine == "\(cases.count) passed, 0 failed")
    }

    @Test func aWrongExpectationFailsWithAnExplanation() throws {
        let c = try ContractCase(json: try JSONReader.parse("""
            {"name": "reasoning wrongly added", "kind": "normalize",
             "input": {"prompt_tokens": 10, "completion_tokens": 5, "completion_tokens_details": {"reasoning_tokens": 3}},
             "expect": {"usage": {"input": 10, "output": 8, "cache_read": 0, "cache_write": 0, "total_tokens": 18,
                        "cost": {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0, "total": 0}}}}
            """), file: "x.json")
        let result = ContractSuite.run([c])
        #expect(result.failed == 1)
        #expect(result.results[0].failure?.hasPrefix("expected {\"input\":10,\"output\":8") == true)
        let xml = result.junitXML()
        #expect(xml.contains("<testcase name=\"reasoning wrongly added\" classname=\"usage-contracts.normalize\" file=\"x.json\">"))
        #expect(xml.contains("<failure message=\"expected {&quot;input&quot;:10"))
    }

    @Test(arguments: [
        (#"[]"#, "f.json: expected a JSON object, got an array"),
        (#"{"name": "n", "kind": "frobnicate", "input": 1, "expect": {"error": "x"}}"#, "f.json: \"kind\" must be one of normalize, validate, overflow, capture, parity, got \"frobnicate\""),
        (#"{"name": "n", "kind": "overflow", "input": 1, "expect": {"usage": 1}}"#, "f.json: expect: unknown key \"usage\" for kind overflow"),
        (#"{"name": "n", "kind": "validate", "expect": {"violations": []}}"#, "f.json: missing \"input\""),
        (#"{"name": "", "kind": "validate", "input": 1, "expect": {"violations": []}}"#, "f.json: \"name\" must be a non-empty string"),
    ])
    func malformedCaseFilesAreRefused(text: String, message: String) throws {
        do {
            _ = try ContractCase(json: try JSONReader.parse(text), file: "f.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func aFolderWithoutCasesIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("empty-cases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ContractSuite.LoadError.self) { try ContractSuite.loadCases(directory: dir.path) }
        #expect(throws: ContractSuite.LoadError.self) { try ContractSuite.loadCases(directory: dir.path + "/nope") }
    }
}
