import Checks
import Foundation
import Runbook
import Usage
import Support

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

    /// Prints one line whose every interpolated value is shown by `PrintableText.line`; only
    /// `\(raw: …)` (colour codes around gatekeeper's own words) is printed as it is.
    static func say(_ line: PrintableText.Composed) {
        print(line.text)
    }

    /// One line on stderr, prefixed with the tool's name. Secret values from the environment
    /// are redacted (an error may quote a server's answer or a command's output), then the
    /// message is shown by `PrintableText.line`: a value it quotes from a registry, a package or
    /// a config file cannot add a line, move the cursor or colour the terminal.
    static func error(_ message: String) {
        let redacted = SecretRedactor(environment: ProcessInfo.processInfo.environment).redact(message)
        FileHandle.standardError.write(Data("gatekeeper: error: \(PrintableText.line(redacted))\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(PrintableText.line(message))\n".utf8))
    }

    static func flush() {
        fflush(nil)
    }

    /// Prints a JSON document to stdout.
    static func printJSON(_ value: JSONValue) {
        print(JSONWriter.string(value))
    }
}
