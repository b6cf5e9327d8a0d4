import Foundation
import Testing
import Usage
import Support

@Suite struct RunCaptureTests {
    static func message(_ role: String, input: Int, extra: String = "") -> String {
        #"{"role": "\#(role)", "content": [], "stop_reason": "stop"\#(extra), "usage": {"input": \#(input), "output": 1, "cache_read": 0, "cache_write": 0, "total_tokens": \#(input + 1), "cost": {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0, "total": 0}}}"#
    }

    @Test func finalAssistantKeyWinsOverEvents() throws {
        let c = try CaptureReader.parse(#"{"events": [{"type": "message_end", "message": \#(Self.message("assistant", input: 1))}], "final_assistant": \#(Self.message("assistant", input: 2))}"#, file: "c.json")
        #expect(c.source == .finalAssistantKey)
        #expect(c.usage?["input"]?.numberValue?.intValue == 2)
        #expect(c.eventCount == 1)
    }

    @Test func lastAssistantMessageEndWinsOverLaterUserMessages() throws {
        let text = """
            {"events": [
              {"type": "message_end", "message": \(Self.message("assistant", input: 1))},
              {"type": "message_update", "message": {"role": "assistant"}, "assistant_message_event": {"type": "text_delta", "delta": "x"}},
              {"type": "message_end", "message": \(Self.message("assistant", input: 2))},
              {"type": "message_end", "message": \(Self.message("toolResult", input: 3))},
              {"type": "agent_end", "messages": [\(Self.message("assistant", input: 4))]}
            ], "final_assistant": null}
            """
        let c = try CaptureReader.parse(text, file: "c.json")
        #expect(c.source == .messageEnd(event: 2))
        #expect(c.usage?["input"]?.numberValue?.intValue == 2)
        #expect(c.eventCount == 5)
        #expect(c.stopReason == "stop")
    }

    @Test func agentEndIsTheLastResort() throws {
        let text = #"{"events": [{"type": "agent_start"}, {"type": "agent_end", "messages": [\#(Self.message("assistant", input: 5)), \#(Self.message("user", input: 6))]}]}"#
        let c = try CaptureReader.parse(text, file: "c.json")
        #expect(c.source == .agentEnd(event: 1))
        #expect(c.usage?["input"]?.numberValue?.intValue == 5)
    }

    @Test(arguments: [
        (#"{"events": {}}"#, "c.json: \"events\" must be an array, got an object"),
        (#"{"events": [1]}"#, "c.json: events[0]: expected an object, got an integer"),
        (#"{"events": [{"kind": "x"}]}"#, "c.json: events[0]: no \"type\""),
        (#"{"events": [{"type": 3}]}"#, "c.json: events[0].type must be a string"),
        (#"{"events": [], "final_assistant": []}"#, "c.json: \"final_assistant\" must be an object, got an array"),
        (#"{"events": [], "run": 1}"#, "c.json: \"run\" must be an object, got an integer"),
        (#"{"events": []} x"#, "c.json: not valid JSON: line 1, column 16: unexpected 'x' after the JSON value"),
        ("", "c.json: empty file"),
        (#"{"events": []}"#, "c.json: no assistant message: no \"final_assistant\", no message_end or agent_end event with an assistant message (0 events)"),
    ])
    func badCapturesNameTheFileAndTheProblem(text: String, message: String) {
        do {
            _ = try CaptureReader.parse(text, file: "c.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func readingAFileNamesIt() throws {
        #expect(throws: CaptureError(file: "/nonexistent/c.json", message: "cannot read: No such file or directory")) {
            try CaptureReader.read(file: "/nonexistent/c.json")
        }
        #expect(throws: CaptureError(file: "/tmp", message: "cannot read: is a directory")) {
            try CaptureReader.read(file: "/tmp")
        }
    }
}

@Suite struct ParityTests {
    static func side(_ name: String, usage: String, extra: String = "") throws -> NamedCapture {
        let text = #"{"events": [{"type": "message_end", "message": {"role": "assistant", "stop_reason": "stop"\#(extra), "usage": \#(usage)}}]}"#
        return NamedCapture(name: name, capture: try CaptureReader.parse(text, file: "\(name).json"))
    }

    static func canonical(input: Int, output: Int, cacheRead: Int, total: Int) -> String {
        JSONWriter.string(Usage(input: input, output: output, cacheRead: cacheRead, totalTokens: total).json)
    }

    @Test func differentValuesAndExtraKeysStayAligned() throws {
        let report = ParitySuite.compare(
            try Self.side("rust", usage: Self.canonical(input: 1843, output: 212, cacheRead: 1536, total: 2055), extra: #", "api": "openai-completions""#),
            try Self.side("python", usage: Self.canonical(input: 1790, output: 240, cacheRead: 0, total: 2030), extra: #", "timestamp": 1"#))
        #expect(report.aligned)
        #expect(report.finalAssistantKeyDiff.onlyInA == ["api"])
        #expect(report.finalAssistantKeyDiff.onlyInB == ["timestamp"])
        #expect(report.diffJSON["final_assistant_key_diff"]?["only_in_python"] == ["timestamp"])
    }

    @Test func netOfCacheInputIsDrift() throws {
        let report = ParitySuite.compare(
            try Self.side("rust", usage: Self.canonical(input: 1843, output: 212, cacheRead: 1536, total: 2055)),
            try Self.side("python", usage: Self.canonical(input: 307, output: 212, cacheRead: 1536, total: 519)))
        #expect(report.verdict == "drift")
        #expect(report.violations.map(\.kind) == [.drift])
        #expect(report.violations.first?.capture == "python")
    }

    @Test func legacyTotalIsDrift() throws {
        let report = ParitySuite.compare(
            try Self.side("rust", usage: Self.canonical(input: 1843, output: 212, cacheRead: 1536, total: 2055)),
            try Self.side("python", usage: Self.canonical(input: 1843, output: 212, cacheRead: 1536, total: 3591)))
        #expect(report.violations.map(\.message) == ["total_tokens (3591) = input + output + cache_read: a legacy total that adds cache reads on top"])
        // The same total without cache reads is just input + output.
        #expect(DriftSignature.detect(Usage(input: 10, output: 2, cacheRead: 0, totalTokens: 12)).isEmpty)
    }

    @Test func missingUsageIsAContractViolation() throws {
        let text = #"{"events": [{"type": "message_end", "message": {"role": "assistant"}}]}"#
        let bare = NamedCapture(name: "b", capture: try CaptureReader.parse(text, file: "b.json"))
        let report = ParitySuite.compare(try Self.side("a", usage: Self.canonical(input: 1, output: 1, cacheRead: 0, total: 2)), bare)
        #expect(report.violations.contains { $0.capture == "b" && $0.kind == .contract && $0.message == "missing" })
        #expect(report.violations.contains { $0.kind == .usageKeyDiff })
    }
}
