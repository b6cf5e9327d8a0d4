/// Lays out one capture: run info, the tinyagent event stream, and optionally the final
/// message and the agent's state messages.
struct CaptureBuilder {
    private let options: CaptureFixture.Options
    private var json: JSONBytes
    private var text: FixtureText
    /// The escaped text so far, and where each delta starts in it: a partial text may only
    /// start at a delta boundary, never inside an escape or a UTF-8 sequence.
    private var escaped: [UInt8] = []
    private var deltaStarts: [Int] = []
    private var firstRepeated = 0
    private var rawTextBytes = 0
    private let timestamp: Int
    private let promptTokens: Int
    private let runID: String

    private static let model = "openai/gpt-4.1-mini"

    init(_ options: CaptureFixture.Options, capacity: Int = 0) {
        self.options = options
        json = JSONBytes(style: options.path == .rust ? .compact : .python, capacity: capacity)
        text = FixtureText(seed: options.seed, deltaBytes: options.deltaBytes)
        var random = SeededRandom(seed: options.seed)
        timestamp = 1_718_000_000_000 + random.int(in: 0...86_400_000)
        promptTokens = random.int(in: 1_200...4_200)
        runID = "run_" + String(random.next() >> 32, radix: 16)
    }

    mutating func build(updates: Int?, targetBytes: Int?) -> [UInt8] {
        json.beginObject()
        writeRun()
        json.key("events")
        json.beginArray()
        event("agent_start")
        event("turn_start")
        event("message_start") { $0.writeUser() }
        event("message_end") { $0.writeUser() }
        event("message_start") { $0.writeAssistant(final: false) }
        if let updates {
            for _ in 0..<updates { writeUpdate() }
        } else if let targetBytes {
            while json.count + tailEstimate < targetBytes { writeUpdate() }
        }
        event("message_end") { $0.writeAssistant(final: true) }
        event("turn_end") {
            $0.writeAssistant(final: true)
            $0.json.key("tool_results")
            $0.json.beginArray()
            $0.json.endArray()
        }
        json.beginObject(onNewLine: true)
        json.member("type", "agent_end")
        json.key("messages")
        writeConversation()
        json.endObject()
        json.endArray(onNewLine: true)
        if options.includeFinalAssistant {
            json.key("final_assistant")
            writeAssistant(final: true)
        }
        if options.path == .python {
            json.key("agent_state_messages")
            writeConversation()
        }
        json.endObject()
        var bytes = json.take()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// What the closing events will add: the full text once per copy of the final message.
    private var tailEstimate: Int {
        let copies = 3 + (options.includeFinalAssistant ? 1 : 0) + (options.path == .python ? 1 : 0)
        return copies * (escaped.count + 700)
    }

    // MARK: events

    private mutating func event(_ type: String, message: ((inout CaptureBuilder) -> Void)? = nil) {
        json.beginObject(onNewLine: true)
        json.member("type", type)
        if let message {
            json.key("message")
            message(&self)
        }
        json.endObject()
    }

    private mutating func writeUpdate() {
        let delta = text.nextDelta()
        rawTextBytes += delta.utf8.count
        deltaStarts.append(escaped.count)
        let deltaStart = escaped.count
        JSONBytes.escape(delta, style: json.style, into: &escaped)
        while escaped.count - deltaStarts[firstRepeated] > options.partialCapBytes, firstRepeated + 1 < deltaStarts.count {
            firstRepeated += 1
        }
        json.beginObject(onNewLine: true)
        json.member("type", "message_update")
        json.key("message")
        writeAssistant(final: false, text: escaped[deltaStarts[firstRepeated]...])
        json.key("assistant_message_event")
        json.beginObject()
        json.member("type", "text_delta")
        json.member("content_index", 0)
        json.key("delta")
        json.escapedString(escaped[deltaStart...])
        json.endObject()
        json.endObject()
    }

    // MARK: messages

    private mutating func writeRun() {
        json.key("run")
        json.beginObject()
        json.member("id", runID)
        json.member("path", options.path.rawValue)
        json.member("provider", "openrouter")
        json.member("model", Self.model)
        json.endObject()
    }

    private mutating func writeConversation() {
        json.beginArray()
        writeUser()
        writeAssistant(final: true)
        json.endArray()
    }

    private mutating func writeUser() {
        json.beginObject()
        json.member("role", "user")
        json.key("content")
        json.beginArray()
        json.beginObject()
        json.member("type", "text")
        json.member("text", FixtureText.prompt)
        json.endObject()
        json.endArray()
        json.member("timestamp", timestamp)
        json.endObject()
    }

    private mutating func writeAssistant(final: Bool) {
        writeAssistant(final: final, text: final ? escaped[...] : [])
    }

    /// Rust messages: role, content, api, provider, model, usage, stop_reason, timestamp.
    /// Python messages: role, content, stop_reason, model, timestamp, usage (partials without usage).
    private mutating func writeAssistant(final: Bool, text body: ArraySlice<UInt8>) {
        json.beginObject()
        json.member("role", "assistant")
        json.key("content")
        json.beginArray()
        json.beginObject()
        json.member("type", "text")
        json.key("text")
        json.escapedString(body)
        json.endObject()
        json.endArray()
        switch options.path {
        case .rust:
            json.member("api", "openai-completions")
            json.member("provider", "openrouter")
            json.member("model", Self.model)
            json.key("usage")
            usage(final: final).write(into: &json)
            json.key("stop_reason")
            if final { json.string("stop") } else { json.null() }
            json.member("timestamp", timestamp)
        case .python:
            json.key("stop_reason")
            if final { json.string("stop") } else { json.null() }
            json.member("model", Self.model)
            json.member("timestamp", timestamp)
            if final {
                json.key("usage")
                usage(final: true).write(into: &json)
            }
        }
        json.endObject()
    }

    private func usage(final: Bool) -> FixtureUsage {
        guard final else { return .zero(camelCase: options.semantics == .legacyKeys) }
        // About four bytes of text per completion token.
        return FixtureUsage(semantics: options.semantics, promptTokens: promptTokens,
                            completionTokens: max(1, rawTextBytes / 4))
    }
}
