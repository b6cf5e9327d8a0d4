import Foundation
import Runbook
import Usage

/// Terminal output: plain text, colour only on a terminal and never with NO_COLOR or --no-color.
struct Console {
    enum Style: String {
        case green = "32", red = "31", yellow = "33", bold = "1", dim = "2"
    }

    let color: Bool

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    func line(_ text: String = "") {
        print(text)
    }

    /// One line on stderr, prefixed with the tool's name. Secret values from the environment
    /// are redacted: an error may quote a server's answer or a command's output.
    static func error(_ message: String) {
        let shown = SecretRedactor(environment: ProcessInfo.processInfo.environment).redact(message)
        FileHandle.standardError.write(Data("gatekeeper: error: \(shown)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(message)\n".utf8))
    }

    static func flush() {
        fflush(nil)
    }

    /// Prints a JSON document to stdout.
    static func printJSON(_ value: JSONValue) {
        print(JSONWriter.string(value))
    }
}
