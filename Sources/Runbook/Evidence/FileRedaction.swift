import Usage
import Support

/// Redaction of files copied or kept in the bundle (captures, QA logs).
enum FileRedaction {
    /// Text: every spelling of every secret replaced.
    static func text(_ bytes: [UInt8], _ redactor: SecretRedactor) -> [UInt8] {
        redactor.isEmpty ? bytes : redactor.redact(bytes: bytes)
    }

    /// A JSON capture. Beyond the byte spellings, a writer may have hidden a secret behind
    /// optional escapes (`\u0067hp_…`, `\/`). Only then, and only if the unescaped bytes really
    /// hold a secret, is the document parsed and rewritten from its redacted tree; a capture
    /// that is not JSON keeps its unescaped, redacted bytes.
    static func json(_ bytes: [UInt8], _ redactor: SecretRedactor) -> [UInt8] {
        let redacted = text(bytes, redactor)
        guard !redactor.isEmpty, hasOptionalEscape(redacted) else { return redacted }
        let decoded = JSONEscapes.decode(redacted)
        guard redactor.leaks(in: decoded) else { return redacted }
        guard let tree = try? JSONReader.parse(redacted) else { return redactor.redact(bytes: decoded) }
        // The byte pass again: a "secret" spanning a key and its value survives the tree walk.
        return text(Array((JSONWriter.string(redactor.redact(tree), pretty: true) + "\n").utf8), redactor)
    }

    /// An escape other than the ones JSONWriter itself uses for a secret: `\u` or `\/`.
    static func hasOptionalEscape(_ bytes: [UInt8]) -> Bool {
        let backslash: [UInt8] = [UInt8(ascii: "\\")]
        var from = 0
        while let i = SecretRedactor.firstOccurrence(of: backslash, in: bytes, from: from), i + 1 < bytes.count {
            let next = bytes[i + 1]
            if next == UInt8(ascii: "u") || next == UInt8(ascii: "/") { return true }
            from = i + 2
        }
        return false
    }
}
