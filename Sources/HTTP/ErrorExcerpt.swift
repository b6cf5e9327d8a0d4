import Support

/// A short, one-line quote of an error response's body for an error message: an API's JSON
/// "message" (with the messages of its "errors" list, GitHub's style), else the start of a
/// plain-text body. HTML pages and binary bodies are not quoted: they read as noise.
enum ErrorExcerpt {
    static let limit = 300

    static func of(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        if let value = try? JSONReader.parse(body) { return fromJSON(value) }
        guard let text = String(validating: body.prefix(4 * limit), as: UTF8.self) ?? String(validating: body, as: UTF8.self) else { return "" }
        let line = oneLine(text)
        return line.hasPrefix("<") ? "" : capped(line)
    }

    private static func fromJSON(_ value: JSONValue) -> String {
        guard let object = value.objectValue else { return "" }
        guard let message = (object["message"] ?? object["error"])?.stringValue.map(oneLine), !message.isEmpty else { return "" }
        let details = (object["errors"]?.arrayValue ?? []).compactMap(detail).filter { !$0.isEmpty && $0 != message }
        return capped(details.isEmpty ? message : "\(message) (\(details.joined(separator: "; ")))")
    }

    /// One entry of an "errors" list: its message, else what GitHub says in code and field.
    private static func detail(_ entry: JSONValue) -> String? {
        if let text = entry.stringValue { return oneLine(text) }
        guard let object = entry.objectValue else { return nil }
        if let message = object["message"]?.stringValue { return oneLine(message) }
        let parts = [object["field"]?.stringValue, object["code"]?.stringValue].compactMap { $0 }
        return parts.isEmpty ? nil : oneLine(parts.joined(separator: " "))
    }

    /// Control characters become spaces and runs of spaces one: the excerpt ends up in a one-line message.
    private static func oneLine(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            let blank = scalar.value < 0x20 || scalar.value == 0x7f || scalar == " " || (0x80..<0xa0).contains(scalar.value)
            if blank { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    private static func capped(_ text: String) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
