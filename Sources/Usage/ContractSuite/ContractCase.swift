import Support
/// One case of the contract suite, read from a JSON file:
///
///     { "name": "...", "kind": "normalize", "input": {...}, "expect": {...} }
///
/// `input_text` (a string holding raw bytes) replaces `input` where the case is about text that
/// is not JSON. What `expect` holds depends on the kind; see `ContractCase.Kind`.
public struct ContractCase: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Raw provider usage → `{"usage": canonical, "diagnostics": [substring…]}` or `{"error": substring}`.
        case normalize
        /// A payload → `{"violations": [{"path", "kind"}…]}` (exactly these; `[]` means valid) or `{"error": substring}`.
        case validate
        /// `{"usage": canonical, "context_window": N}` → `{"overflow": bool}`.
        case overflow
        /// A capture → `{"source": "final_assistant"|"message_end"|"agent_end", "event_count": N}` or `{"error": substring}`.
        case capture
        /// `{"<name>": capture, "<name>": capture}` → `{"verdict": "aligned"|"drift", "violations": [{"capture", "kind"}…]}`.
        case parity
    }

    public enum Input: Sendable {
        case json(JSONValue)
        case text(String)
    }

    public let name: String
    public let file: String
    public let kind: Kind
    public let input: Input
    public let expect: JSONObject

    /// A case file that is not a valid case: names the file and the key.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): \(message)" }
        public init(file: String, message: String) {
            self.file = file
            self.message = message
        }
    }

    static let allowedKeys: Set<String> = ["name", "kind", "description", "input", "input_text", "expect"]

    static let expectKeys: [Kind: Set<String>] = [
        .normalize: ["usage", "diagnostics", "error"],
        .validate: ["violations", "error"],
        .overflow: ["overflow"],
        .capture: ["source", "event_count", "error"],
        .parity: ["verdict", "violations"],
    ]

    public init(name: String, file: String, kind: Kind, input: Input, expect: JSONObject) {
        self.name = name
        self.file = file
        self.kind = kind
        self.input = input
        self.expect = expect
    }

    /// Reads and checks a case file.
    public static func load(file path: String) throws -> ContractCase {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch let e as FileReadError {
            throw FormatError(file: path, message: "cannot read: \(e.reason)")
        }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw FormatError(file: path, message: "not valid JSON: \(error)")
        }
        return try ContractCase(json: value, file: path)
    }

    public init(json value: JSONValue, file: String) throws {
        func fail(_ message: String) -> FormatError { FormatError(file: file, message: message) }
        guard case .object(let object) = value else { throw fail("expected a JSON object, got \(value.typeDescription)") }
        if let unknown = object.keys.first(where: { !Self.allowedKeys.contains($0) }) {
            throw fail("unknown key \"\(unknown)\"")
        }
        guard case .string(let name)? = object["name"], !name.isEmpty else { throw fail("\"name\" must be a non-empty string") }
        guard case .string(let kindText)? = object["kind"] else { throw fail("\"kind\" must be a string") }
        guard let kind = Kind(rawValue: kindText) else {
            throw fail("\"kind\" must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(kindText)\"")
        }
        let input: Input
        switch (object["input"], object["input_text"]) {
        case (let json?, nil): input = .json(json)
        case (nil, .string(let text)?): input = .text(text)
        case (nil, _?): throw fail("\"input_text\" must be a string")
        case (_?, _?): throw fail("give \"input\" or \"input_text\", not both")
        case (nil, nil): throw fail("missing \"input\"")
        }
        guard case .object(let expect)? = object["expect"] else { throw fail("\"expect\" must be an object") }
        let allowed = Self.expectKeys[kind] ?? []
        if let unknown = expect.keys.first(where: { !allowed.contains($0) }) {
            throw fail("expect: unknown key \"\(unknown)\" for kind \(kind.rawValue)")
        }
        if expect.isEmpty { throw fail("expect: empty") }
        if let error = expect["error"], error.stringValue == nil { throw fail("expect.error must be a string") }
        self.init(name: name, file: file, kind: kind, input: input, expect: expect)
    }

    /// The input as JSON text (for kinds that read bytes) or as a value.
    func inputValue() throws -> JSONValue {
        switch input {
        case .json(let v): return v
        case .text(let t): return try JSONReader.parse(t)
        }
    }

    var inputText: String {
        switch input {
        case .json(let v): return JSONWriter.string(v, pretty: false)
        case .text(let t): return t
        }
    }
}
