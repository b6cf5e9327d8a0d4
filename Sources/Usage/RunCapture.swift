import Support
/// A run capture as saved by the Rust or Python path: its events and the final assistant message.
public struct RunCapture: Sendable {
    /// Where the final assistant message was found.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case finalAssistantKey
        case messageEnd(event: Int)
        case agentEnd(event: Int)

        public var description: String {
            switch self {
            case .finalAssistantKey: return "final_assistant"
            case .messageEnd(let i): return "events[\(i)] (message_end)"
            case .agentEnd(let i): return "events[\(i)] (agent_end)"
            }
        }

        /// The kind without the position, as the contract cases name it.
        public var kind: String {
            switch self {
            case .finalAssistantKey: return "final_assistant"
            case .messageEnd: return "message_end"
            case .agentEnd: return "agent_end"
            }
        }
    }

    public let file: String
    public let eventCount: Int
    public let finalAssistant: JSONObject
    public let source: Source

    public var usage: JSONValue? { finalAssistant["usage"] }

    /// `stop_reason`, or the camel-case spelling some paths write.
    public var stopReason: JSONValue? { finalAssistant["stop_reason"] ?? finalAssistant["stopReason"] }
}

/// A capture that cannot be used; names the file and what is wrong.
public struct CaptureError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
    public var description: String { "\(file): \(message)" }
}

/// Reads captures in one pass. Events are validated and counted without being built, except
/// the `message_end` and `agent_end` ones that may hold the final assistant message.
public enum CaptureReader {
    public static func read(file path: String) throws -> RunCapture {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch let e as FileReadError {
            throw CaptureError(file: path, message: "cannot read: \(e.reason)")
        }
        return try bytes.withUnsafeBytes { try parse($0, file: path) }
    }

    public static func parse(_ text: String, file: String) throws -> RunCapture {
        try Array(text.utf8).withUnsafeBytes { try parse($0, file: file) }
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws -> RunCapture {
        do {
            return try scan(bytes, file: file)
        } catch let e as JSONSyntaxError {
            throw CaptureError(file: file, message: "not valid JSON: \(e)")
        } catch let e as ShapeError {
            throw CaptureError(file: file, message: e.message)
        }
    }

    struct ShapeError: Error { let message: String }

    private static func scan(_ bytes: UnsafeRawBufferPointer, file: String) throws -> RunCapture {
        var cursor = JSONCursor(bytes)
        switch cursor.peek() {
        case nil: throw ShapeError(message: bytes.isEmpty ? "empty file" : "no JSON value, only whitespace")
        case UInt8(ascii: "{")?: break
        default:
            let value = try cursor.parseValue()
            throw ShapeError(message: "expected a JSON object with \"events\", got \(value.typeDescription)")
        }
        var eventCount: Int? = nil
        var finalAssistant: JSONValue? = nil
        var lastMessageEnd: (JSONObject, Int)? = nil
        var lastAgentEnd: (JSONObject, Int)? = nil

        try cursor.readObject { c, key in
            switch key {
            case "events":
                guard c.peek() == UInt8(ascii: "[") else {
                    throw ShapeError(message: "\"events\" must be an array, got \(try c.parseValue().typeDescription)")
                }
                var count = 0
                try c.readArray { c, index in
                    count += 1
                    let event = try scanEvent(&c, index: index)
                    switch event.type {
                    case "message_end":
                        if let message = event.message?.objectValue, message["role"]?.stringValue == "assistant" {
                            lastMessageEnd = (message, index)
                        }
                    case "agent_end":
                        let messages = event.messages?.arrayValue ?? []
                        if let message = messages.last(where: { $0["role"]?.stringValue == "assistant" })?.objectValue {
                            lastAgentEnd = (message, index)
                        }
                    default: break
                    }
                }
                eventCount = count
            case "final_assistant":
                let value = try c.parseValue()
                switch value {
                case .object, .null: finalAssistant = value
                default: throw ShapeError(message: "\"final_assistant\" must be an object, got \(value.typeDescription)")
                }
            case "run":
                try expectKind(&c, UInt8(ascii: "{"), key, "an object")
            case "agent_state_messages":
                try expectKind(&c, UInt8(ascii: "["), key, "an array")
            default:
                try c.skipValue()
            }
        }
        try cursor.expectEnd()

        guard let eventCount else { throw ShapeError(message: "no \"events\" array") }
        if case .object(let message)? = finalAssistant {
            return RunCapture(file: file, eventCount: eventCount, finalAssistant: message, source: .finalAssistantKey)
        }
        if let (message, index) = lastMessageEnd {
            return RunCapture(file: file, eventCount: eventCount, finalAssistant: message, source: .messageEnd(event: index))
        }
        if let (message, index) = lastAgentEnd {
            return RunCapture(file: file, eventCount: eventCount, finalAssistant: message, source: .agentEnd(event: index))
        }
        throw ShapeError(message: "no assistant message: no \"final_assistant\", no message_end or agent_end event with an assistant message (\(eventCount) events)")
    }

    private static func expectKind(_ c: inout JSONCursor, _ open: UInt8, _ key: String, _ what: String) throws {
        if c.peek() != open {
            throw ShapeError(message: "\"\(key)\" must be \(what), got \(try c.parseValue().typeDescription)")
        }
        try c.skipValue()
    }

    private struct EventHead {
        var type: String?
        var message: JSONValue?
        var messages: JSONValue?
    }

    /// Reads one event's `type`; builds `message`/`messages` only for the event types that matter.
    private static func scanEvent(_ c: inout JSONCursor, index: Int) throws -> EventHead {
        guard c.peek() == UInt8(ascii: "{") else {
            throw ShapeError(message: "events[\(index)]: expected an object, got \(try c.parseValue().typeDescription)")
        }
        var head = EventHead()
        var messageAt: Int? = nil
        var messagesAt: Int? = nil
        try c.readObject { c, key in
            switch key {
            case "type":
                guard case .string(let type) = try c.parseValue() else {
                    throw ShapeError(message: "events[\(index)].type must be a string")
                }
                head.type = type
            case "message":
                _ = c.peek()
                messageAt = c.position
                try c.skipValue()
            case "messages":
                _ = c.peek()
                messagesAt = c.position
                try c.skipValue()
            default:
                try c.skipValue()
            }
        }
        guard let type = head.type else {
            throw ShapeError(message: "events[\(index)]: no \"type\"")
        }
        // The values were validated while skipping; building them again is safe and rare.
        if type == "message_end", let at = messageAt {
            var sub = JSONCursor(c.bytes, at: at)
            head.message = try sub.parseValue()
        } else if type == "agent_end", let at = messagesAt {
            var sub = JSONCursor(c.bytes, at: at)
            head.messages = try sub.parseValue()
        }
        return head
    }
}
