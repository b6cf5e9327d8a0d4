import Foundation
import TestSupport

/// Runs the composite action of action.yml the way the Actions runner does, for what the action
/// uses: `${{ }}` expressions (inputs, steps.<id>.outputs, github.*, runner.*), `if:`, `env:`,
/// `shell: bash` steps (`bash --noprofile --norc -eo pipefail`, in the workspace, with the files
/// the runner gives a step: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH, GITHUB_ENV) and
/// `actions/cache` (restore by key or restore-key prefix, save after the job) against a folder
/// that stands in for the cache service and outlives runs. Anything else it meets (another
/// `uses:`, an expression it does not know) throws: a change to action.yml the emulation does
/// not cover fails the test instead of passing unexamined.
final class ActionRunner {
    struct Outcome {
        /// 0 when every step passed, else the exit of the step that failed.
        var status: Int32 = 0
        var outputs: [String: String] = [:]
        var steps: [String: [String: String]] = [:]
        /// Ids (or names) of the steps that ran, in order.
        var ran: [String] = []
        var log = ""
        var summary = ""
    }

    let action: [String: Any]
    let actionPath: String
    /// The stand-in for the cache service: one folder per saved entry, oldest first.
    let cacheStore: String

    init(actionFile: URL, cacheStore: String) throws {
        action = try Workflow(file: actionFile).root
        actionPath = actionFile.deletingLastPathComponent().path
        self.cacheStore = cacheStore
        try FileManager.default.createDirectory(atPath: cacheStore, withIntermediateDirectories: true)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// One use of the action in a job (`jobEnds: false` when the job goes on to use it again). `environment` is the job's (PATH, HOME…); the runner's
    /// own variables are added to it.
    func run(inputs given: [String: String], workspace: String, runnerTemp: String, environment: [String: String],
             token: String = "ghs_action_token", actionRef: String = "v1", runID: String = "1000",
             jobEnds: Bool = true) throws -> Outcome {
        guard (action["runs"] as? [String: Any])?["using"] as? String == "composite",
              let steps = (action["runs"] as? [String: Any])?["steps"] as? [[String: Any]] else {
            throw Failure("action.yml: runs.using must be composite, with steps")
        }
        try FileManager.default.createDirectory(atPath: runnerTemp, withIntermediateDirectories: true)
        var context = Context(github: ["action_path": actionPath, "action_ref": actionRef, "token": token, "workspace": workspace],
                              runner: ["temp": runnerTemp, "os": "Linux", "arch": "X64"])
        // Inputs: what the caller gave, else the default (itself an expression, e.g. github.token).
        let declared = action["inputs"] as? [String: [String: Any]] ?? [:]
        for name in given.keys where declared[name] == nil { throw Failure("action.yml has no input '\(name)'") }
        for (name, spec) in declared {
            context.inputs[name] = try given[name] ?? context.evaluate(spec["default"] as? String ?? "")
        }
        context.stepIDs = Set(steps.compactMap { $0["id"] as? String })

        var outcome = Outcome()
        var pathPrefix: [String] = []
        var jobEnv: [String: String] = [:]
        var pendingSaves: [(key: String, path: String)] = []
        for (index, step) in steps.enumerated() {
            let label = step["id"] as? String ?? step["name"] as? String ?? "step \(index)"
            if !(try context.condition(step["if"] as? String, failed: outcome.status != 0)) { continue }
            outcome.ran.append(label)
            var stepOutputs: [String: String] = [:]
            if let uses = step["uses"] as? String {
                guard uses.hasPrefix("actions/cache@") else { throw Failure("\(label): uses \(uses), which this emulation does not run") }
                let with = try (step["with"] as? [String: String] ?? [:]).mapValues { try context.evaluate($0) }
                guard let key = with["key"], let path = with["path"], !key.isEmpty, !path.isEmpty else {
                    throw Failure("\(label): actions/cache needs key and path")
                }
                let restoreKeys = (with["restore-keys"] ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                stepOutputs = try restore(key: key, restoreKeys: restoreKeys, path: path, log: &outcome.log)
                pendingSaves.append((key, path))
            } else if let script = step["run"] as? String {
                guard step["shell"] as? String == "bash" else { throw Failure("\(label): a composite step's run needs shell: bash") }
                let files = ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_ENV"].reduce(into: [String: String]()) {
                    $0[$1] = runnerTemp + "/_runner_file_commands/\($1.lowercased())_\(index)"
                }
                try FileManager.default.createDirectory(atPath: runnerTemp + "/_runner_file_commands", withIntermediateDirectories: true)
                for file in files.values { try Data().write(to: URL(fileURLWithPath: file)) }
                var env = environment.merging(jobEnv) { $1 }
                env.merge(files) { $1 }
                env.merge(["GITHUB_WORKSPACE": workspace, "RUNNER_TEMP": runnerTemp, "GITHUB_ACTION_PATH": actionPath,
                           "GITHUB_ACTIONS": "true", "CI": "true", "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
                           "GITHUB_RUN_ID": runID, "GITHUB_RUN_ATTEMPT": "1"]) { $1 }
                env["PATH"] = (pathPrefix.reversed() + [environment["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":")
                for (name, value) in step["env"] as? [String: String] ?? [:] { env[name] = try context.evaluate(value) }
                let file = runnerTemp + "/_step_\(index).sh"
                try context.evaluate(script).write(toFile: file, atomically: true, encoding: .utf8)
                let result = try TestProcess.run("/bin/bash", ["--noprofile", "--norc", "-eo", "pipefail", file],
                                                 in: workspace, environment: env, inheritEnvironment: false, mergeErrors: true)
                outcome.log += result.output
                outcome.summary += (try? String(contentsOfFile: files["GITHUB_STEP_SUMMARY"]!, encoding: .utf8)) ?? ""
                stepOutputs = try Self.keyValues(files["GITHUB_OUTPUT"]!)
                jobEnv.merge(try Self.keyValues(files["GITHUB_ENV"]!)) { $1 }
                pathPrefix += ((try? String(contentsOfFile: files["GITHUB_PATH"]!, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
                if result.status != 0 && outcome.status == 0 { outcome.status = result.status }
            } else {
                throw Failure("\(label): neither uses nor run")
            }
            if let id = step["id"] as? String {
                context.steps[id] = stepOutputs
                outcome.steps[id] = stepOutputs
            }
        }
        // actions/cache's post step, when the job ends: saves when it passed and the key holds nothing yet.
        if jobEnds && outcome.status == 0 {
            for save in pendingSaves.reversed() { try self.save(key: save.key, path: save.path, log: &outcome.log) }
        }
        for (name, spec) in action["outputs"] as? [String: [String: Any]] ?? [:] {
            outcome.outputs[name] = try context.evaluate(spec["value"] as? String ?? "")
        }
        return outcome
    }

    /// Keys saved so far, oldest first.
    var savedKeys: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: cacheStore)) ?? []
        return entries.sorted().compactMap { try? String(contentsOfFile: cacheStore + "/" + $0 + "/key", encoding: .utf8) }
    }

    private func restore(key: String, restoreKeys: [String], path: String, log: inout String) throws -> [String: String] {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: cacheStore)) ?? []).sorted()
        func keyOf(_ entry: String) -> String { (try? String(contentsOfFile: cacheStore + "/" + entry + "/key", encoding: .utf8)) ?? "" }
        var match = entries.last { keyOf($0) == key }
        if match == nil {
            for prefix in restoreKeys { if let m = entries.last(where: { keyOf($0).hasPrefix(prefix) }) { match = m; break } }
        }
        guard let match else {
            log += "Cache not found for input keys: \(([key] + restoreKeys).joined(separator: ", "))\n"
            return [:]  // actions/cache sets no cache-hit on a miss
        }
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: cacheStore + "/" + match + "/data", toPath: path)
        let matched = keyOf(match)
        log += "Cache restored from key: \(matched)\n"
        return ["cache-hit": matched == key ? "true" : "false", "cache-primary-key": key, "cache-matched-key": matched]
    }

    private func save(key: String, path: String, log: inout String) throws {
        guard !savedKeys.contains(key) else { return }
        guard FileManager.default.fileExists(atPath: path) else {
            log += "Path does not exist: \(path)\n"
            return
        }
        let entry = cacheStore + "/" + String(format: "%04d", savedKeys.count)
        try FileManager.default.createDirectory(atPath: entry, withIntermediateDirectories: true)
        try key.write(toFile: entry + "/key", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: path, toPath: entry + "/data")
        log += "Cache saved with key: \(key)\n"
    }

    /// `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT and GITHUB_ENV.
    static func keyValues(_ file: String) throws -> [String: String] {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        var values: [String: String] = [:]
        var lines = text.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            if line.isEmpty { continue }
            if let eq = line.firstIndex(of: "="), !line[..<eq].contains("<<") {
                values[String(line[..<eq])] = String(line[line.index(after: eq)...])
            } else if let heredoc = line.range(of: "<<") {
                let delimiter = String(line[heredoc.upperBound...])
                var body: [String] = []
                while let next = lines.popFirst(), next != delimiter { body.append(next) }
                values[String(line[..<heredoc.lowerBound])] = body.joined(separator: "\n")
            } else {
                throw Failure("\(file): '\(line)' is not name=value")
            }
        }
        return values
    }

    /// The expression context, and `${{ }}` / `if:` evaluation for the forms the action uses.
    struct Context {
        var github: [String: String]
        var runner: [String: String]
        var inputs: [String: String] = [:]
        var steps: [String: [String: String]] = [:]
        var stepIDs: Set<String> = []

        func evaluate(_ text: String) throws -> String {
            var out = ""
            var rest = text[...]
            while let open = rest.range(of: "${{") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else { throw Failure("unclosed ${{ in '\(text)'") }
                out += try value(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
                rest = rest[close.upperBound...]
            }
            return out + rest
        }

        func value(_ expression: String) throws -> String {
            let parts = expression.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            switch (parts.first, parts.count) {
            case ("inputs", 2):
                guard let v = inputs[parts[1]] else { throw Failure("no input '\(parts[1])'") }
                return v
            case ("github", 2):
                guard let v = github[parts[1]] else { throw Failure("github.\(parts[1]) is not emulated") }
                return v
            case ("runner", 2):
                guard let v = runner[parts[1]] else { throw Failure("runner.\(parts[1]) is not emulated") }
                return v
            case ("steps", 4) where parts[2] == "outputs":
                guard stepIDs.contains(parts[1]) else { throw Failure("no step with id '\(parts[1])'") }
                return steps[parts[1]]?[parts[3]] ?? ""  // a step that did not run, or set nothing: empty
            default:
                throw Failure("expression '\(expression)' is not emulated")
            }
        }

        /// `if:` — success() by default; `always()`, `failure()`; `X == 'v'` and `X != 'v'`.
        func condition(_ text: String?, failed: Bool) throws -> Bool {
            guard var expression = text?.trimmingCharacters(in: .whitespaces), !expression.isEmpty else { return !failed }
            if expression.hasPrefix("${{"), expression.hasSuffix("}}") {
                expression = String(expression.dropFirst(3).dropLast(2)).trimmingCharacters(in: .whitespaces)
            }
            switch expression {
            case "always()": return true
            case "success()": return !failed
            case "failure()": return failed
            default: break
            }
            guard !failed else { return false }
            for op in ["!=", "=="] {
                let sides = expression.components(separatedBy: " \(op) ")
                guard sides.count == 2 else { continue }
                let literal = sides[1].trimmingCharacters(in: .whitespaces)
                guard literal.hasPrefix("'"), literal.hasSuffix("'"), literal.count >= 2 else { throw Failure("if: \(expression): the right side must be a 'literal'") }
                let equal = try value(sides[0].trimmingCharacters(in: .whitespaces)) == String(literal.dropFirst().dropLast())
                return op == "==" ? equal : !equal
            }
            throw Failure("if: '\(expression)' is not emulated")
        }
    }
}
