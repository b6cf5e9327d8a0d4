import Foundation

/// A value made into one word of a POSIX shell command line: left as it is when the shell
/// would neither split nor expand it, single-quoted otherwise. The one quoting every command
/// gatekeeper builds (the lockfile command, cargo's confirmation, a capture's `{out}`) uses,
/// so what `--dry-run` prints is what runs.
public enum ShellWord {
    public static func quoted(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy { s in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || "_./@%+=:,-".unicodeScalars.contains(s))
        }
        return safe && !value.isEmpty ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
