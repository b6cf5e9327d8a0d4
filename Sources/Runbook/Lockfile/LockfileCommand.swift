import Checks
import Foundation
import Cargo
import Support

/// The `[rollout] lockfile` template made into one shell command, and the check that the
/// program it needs is there before it runs.
enum LockfileCommand {
    /// Fills {manifest}, {dependency}, {version} and {lockfile}; values that the shell would
    /// split or expand are single-quoted. Other braces are left for the shell.
    static func render(_ template: String, plan: LockfilePlan, dependency: String, version: SemVer) -> String {
        let values = ["manifest": plan.manifest, "dependency": dependency, "version": version.description, "lockfile": plan.lockfile]
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                out += ShellWord.quoted(value)
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        return out + rest
    }

    /// The program a command runs first, skipping leading `NAME=value` assignments.
    static func program(of command: String) -> String? {
        command.split(whereSeparator: { $0 == " " || $0 == "\t" })
            .first { word in !(word.contains("=") && word.first.map { $0.isLetter || $0 == "_" } == true) }
            .map(String.init)
    }

    /// The executable `name` on `path` (colon-separated), as the shell would find it.
    static func find(_ name: String, path: String, relativeTo directory: String) -> String? {
        for folder in path.split(separator: ":", omittingEmptySubsequences: false) {
            let base = folder.isEmpty ? "." : String(folder)
            let dir = base.hasPrefix("/") ? base : directory + "/" + base
            let candidate = dir + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}
