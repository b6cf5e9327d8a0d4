import Foundation
import Yams

/// A workflow file of workflows/, as plain values. Built from `Yams.compose` so every scalar
/// stays a string: YAML 1.1 resolution would turn the `on:` key into `true`.
struct Workflow {
    let name: String
    let root: [String: Any]

    static let folder = CLI.packageRoot.appendingPathComponent("workflows")

    init(_ name: String) throws {
        try self.init(file: Workflow.folder.appendingPathComponent(name))
    }

    /// Any YAML file of the package: a workflow, or action.yml.
    init(file: URL) throws {
        let name = file.lastPathComponent
        self.name = name
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let node = try Yams.compose(yaml: text), let map = Workflow.plain(node) as? [String: Any] else {
            throw WorkflowError("\(name): not a YAML mapping")
        }
        root = map
    }

    static func plain(_ node: Node) -> Any {
        switch node {
        case .scalar(let s): return s.string
        case .sequence(let seq): return seq.map(plain)
        case .mapping(let map):
            var out: [String: Any] = [:]
            for (k, v) in map { out[k.scalar?.string ?? "\(k)"] = plain(v) }
            return out
        }
    }

    var on: [String: Any] { root["on"] as? [String: Any] ?? [:] }
    var jobs: [String: [String: Any]] { root["jobs"] as? [String: [String: Any]] ?? [:] }

    func steps(_ job: String) -> [[String: Any]] { jobs[job]?["steps"] as? [[String: Any]] ?? [] }

    /// Every `run:` script of every job.
    var scripts: [String] { jobs.values.flatMap { ($0["steps"] as? [[String: Any]] ?? []).compactMap { $0["run"] as? String } } }

    /// The step of `job` whose `uses:` starts with `action` (for example "actions/cache@").
    func step(_ job: String, uses action: String) -> [String: Any]? {
        steps(job).first { ($0["uses"] as? String ?? "").hasPrefix(action) }
    }
}

struct WorkflowError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The `gatekeeper …` command lines of a shell script, cut at the shell's command separators.
enum Invocations {
    /// `binary` is how the script names gatekeeper (the action's run.sh: `"$gk"`); the lines
    /// found are returned with it spelt `gatekeeper`.
    static func find(in script: String, binary: String = "gatekeeper") -> [String] {
        let joined = script.replacingOccurrences(of: "\\\n", with: " ")
        var found: [String] = []
        for line in joined.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            for segment in segments(String(line)) {
                var words = segment.split(separator: " ").map(String.init)
                // Leading shell keywords and VAR=value assignments are not the command.
                while let first = words.first, ["if", "then", "do", "!", "exec", "time"].contains(first) || first.range(of: #"^[A-Z_]+=\S*$"#, options: .regularExpression) != nil {
                    words.removeFirst()
                }
                if words.first == binary { found.append((["gatekeeper"] + words.dropFirst()).joined(separator: " ")) }
            }
        }
        return found
    }

    private static func segments(_ line: String) -> [String] {
        var text = line
        for separator in ["&&", "||", "$(", ";", "|", "`"] { text = text.replacingOccurrences(of: separator, with: "\n") }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The `--flags` an invocation uses, also inside `${VAR:+--flag …}` expansions.
    static func flags(_ invocation: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"(?<![\w-])--[a-z][a-z0-9-]*"#)
        let ns = invocation as NSString
        return regex.matches(in: invocation, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }
}

/// Checks invocations against the built binary's own `--help`, so a renamed flag or command is
/// caught the day it is renamed.
enum HelpChecker {
    /// What is wrong with `invocation` (empty when every word and flag exists).
    static func problems(_ invocation: String) throws -> [String] {
        let words = invocation.split(separator: " ").map(String.init).dropFirst()  // "gatekeeper"
        var path: [String] = []
        var help = try helpText(path)
        for word in words {
            if word.hasPrefix("-") { break }
            let subcommands = subcommandNames(help)
            guard subcommands.contains(word) else {
                // A group (root, `evidence`, `usage`) takes no positional argument: a typo.
                if path.isEmpty || !subcommands.isEmpty {
                    return ["\(invocation): no command '\((path + [word]).joined(separator: " "))'"]
                }
                break  // a positional argument
            }
            path.append(word)
            help = try helpText(path)
        }
        if path.isEmpty {
            // Root flags (`--version`) are handled before parsing: run them for real.
            let result = try CLI.run(Array(words))
            return result.status == 0 ? [] : ["\(invocation): exit \(result.status)"]
        }
        return Invocations.flags(invocation).filter { flag in
            help.range(of: "\(flag)(?![\\w-])", options: .regularExpression) == nil
        }.map { "\(invocation): 'gatekeeper \(path.joined(separator: " "))' has no \($0)" }
    }

    static func helpText(_ path: [String]) throws -> String {
        let result = try CLI.run(path + ["--help"])
        guard result.status == 0 else { throw WorkflowError("gatekeeper \(path.joined(separator: " ")) --help: exit \(result.status)") }
        return result.stdout
    }

    /// The names listed under SUBCOMMANDS: in a help text.
    static func subcommandNames(_ help: String) -> Set<String> {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        var names: Set<String> = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || line.hasPrefix("   ") { continue }  // wrapped abstracts
            guard line.hasPrefix("  "), !line.hasPrefix("  See ") else { break }
            if let name = line.split(separator: " ").first { names.insert(String(name)) }
        }
        return names
    }
}
