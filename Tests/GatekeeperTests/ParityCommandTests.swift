import Foundation
import Testing
import Usage
import Support

@Suite struct ParityCommandTests {
    @Test func realisticPairIsAlignedAndBothReportsAreWritten() throws {
        let dir = try TempDir()
        let r = try CLI.run(["parity", "rust=\(CLI.example("rust.json"))", "python=\(CLI.example("python.json"))", "--out", dir.path("out")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.lines.contains("verdict: aligned"))
        #expect(r.stdout.contains("(reported, not failed)"), "the two paths' final messages carry different extra keys")

        let diff = try JSONReader.parse(try dir.read("out/usage_parity_diff.json"))
        #expect(diff.objectValue?.keys == ["rust_event_count", "python_event_count", "final_assistant_key_diff",
                                           "usage_key_diff", "usage_values", "stop_reason"])
        #expect(diff["usage_key_diff"]?.objectValue?.keys == ["only_in_rust", "only_in_python", "shared"])
        #expect(diff["usage_key_diff"]?["only_in_rust"] == .array([]))
        #expect(diff["usage_key_diff"]?["shared"]?.arrayValue?.count == 6)
        #expect((diff["rust_event_count"]?.numberValue?.intValue ?? 0) > 10)

        let summary = try JSONReader.parse(try dir.read("out/usage_parity_summary.json"))
        #expect(summary.objectValue?.keys == ["generated_at", "rust_file", "python_file", "rust_event_count",
                                              "python_event_count", "rust_usage", "python_usage", "verdict", "violations"])
        #expect(summary["verdict"] == "aligned")
        #expect(summary["violations"] == .array([]))
        #expect(summary["rust_file"]?.stringValue == CLI.example("rust.json"))
    }

    @Test(arguments: [
        ("python-net-of-cache.json", "input is reported net of cache reads"),
        ("python-legacy-total.json", "a legacy total that adds cache reads on top"),
    ])
    func driftIsFoundAndFailsTheRun(file: String, signature: String) throws {
        let dir = try TempDir()
        let r = try CLI.run(["parity", "rust=\(CLI.example("rust.json"))", "python=\(CLI.example(file))", "--out", dir.path("o")])
        #expect(r.status == 1)
        #expect(r.lines.contains("verdict: drift"))
        #expect(r.stdout.contains(signature))
        let summary = try JSONReader.parse(try dir.read("o/usage_parity_summary.json"))
        #expect(summary["verdict"] == "drift")
        let violations = summary["violations"]?.arrayValue ?? []
        #expect(violations.contains { $0["capture"] == "python" && $0["kind"] == "drift" })
        #expect(!violations.contains { $0["capture"] == "rust" })
    }

    @Test func bareFilesAreNamedAThenB() throws {
        let dir = try TempDir()
        let r = try CLI.run(["parity", CLI.example("rust.json"), CLI.example("python.json"), "--out", dir.path("o"), "--format", "json"])
        #expect(r.status == 0)
        let summary = try JSONReader.parse(r.stdout)
        #expect(summary["a_file"]?.stringValue == CLI.example("rust.json"))
        #expect(summary["b_file"]?.stringValue == CLI.example("python.json"))
        #expect(summary["verdict"] == "aligned")
    }

    @Test func usageKeySetDifferenceFails() throws {
        let dir = try TempDir()
        let legacy = try dir.write("legacy.json", Self.capture(usage: #"{"input": 10, "output": 2, "cacheRead": 0, "cache_write": 0, "totalTokens": 12, "cost": {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0, "total": 0}}"#))
        let good = try dir.write("good.json", Self.capture(usage: JSONWriter.string(Usage(input: 10, output: 2, totalTokens: 12).json)))
        let r = try CLI.run(["parity", "rust=\(good)", "python=\(legacy)", "--out", dir.path("o")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("usage key sets differ: only rust has cache_read, total_tokens; only python has cacheRead, totalTokens"))
    }

    @Test(arguments: [
        ("", "empty file"),
        ("[1, 2]", "expected a JSON object with \"events\", got an array"),
        ("{\"events\": [", "not valid JSON: line 1, column 13: expected a value, found end of input"),
        ("{\"events\": [{\"type\": \"agent_start\"}]}", "no assistant message"),
        ("{\"run\": {}}", "no \"events\" array"),
    ])
    func unusableCaptureIsAnErrorNamingTheFile(text: String, message: String) throws {
        let dir = try TempDir()
        let bad = try dir.write("bad.json", text)
        let r = try CLI.run(["parity", "rust=\(CLI.example("rust.json"))", "python=\(bad)", "--out", dir.path("o")])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("gatekeeper: error: \(bad): "))
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path("o")), "nothing written on error")
    }

    @Test func missingCaptureFileAndWrongArgumentCount() throws {
        let missing = try CLI.run(["parity", CLI.example("rust.json"), "/nonexistent.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "gatekeeper: error: /nonexistent.json: cannot read: No such file or directory\n")
        let one = try CLI.run(["parity", CLI.example("rust.json")])
        #expect(one.status == 2)
        #expect(one.stderr.contains("exactly two captures"))
        let same = try CLI.run(["parity", "x=\(CLI.example("rust.json"))", "x=\(CLI.example("python.json"))"])
        #expect(same.status == 2)
        #expect(same.stderr.contains("both captures are named \"x\""))
    }

    static func capture(usage: String) -> String {
        """
        {"events": [
          {"type": "agent_start"},
          {"type": "message_end", "message": {"role": "assistant", "content": [{"type": "text", "text": "hi"}],
           "stop_reason": "stop", "usage": \(usage)}},
          {"type": "agent_end", "messages": []}
        ]}
        """
    }
}
