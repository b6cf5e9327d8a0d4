import Usage
import Cargo
enum GateConfigReader {
    static let keys = ["id", "dependency", "manifests", "index", "upstream", "fix_commit", "preset", "after",
                       "allow_prerelease", "allow_incompatible", "min_release_age", "verify_sources", "criteria"]

    static func read(_ t: ConfigTable) throws -> GateConfig {
        try t.rejectUnknown(keys)
        let dependency = try t.requiredString("dependency")
        do {
            try IndexPath.validate(dependency)
        } catch {
            throw t.fail("dependency", "\(error)", line: t.table["dependency"]?.span.line)
        }
        guard let manifests = try t.strings("manifests"), !manifests.isEmpty else {
            throw t.fail("manifests", "missing (required): the Cargo.toml files that depend on \(dependency)")
        }
        let index = try t.url("index") ?? GateConfig.defaultIndex
        guard GateConfig.isIndexURL(index) else {
            throw t.fail("index", "must be an https://, http:// or file:// URL, got \"\(index)\"", line: t.table["index"]?.span.line)
        }
        let upstream = try t.url("upstream")
        let fixCommit = try t.string("fix_commit")
        if let fixCommit {
            guard (7...40).contains(fixCommit.count), fixCommit.allSatisfy(\.isHexDigit) else {
                throw t.fail("fix_commit", "must be a commit id (7 to 40 hex digits), got \"\(fixCommit)\"", line: t.table["fix_commit"]?.span.line)
            }
            guard upstream != nil else { throw t.fail("fix_commit", "needs upstream (the repository the commit is in)", line: t.table["fix_commit"]?.span.line) }
        }
        var after: SemVer? = nil
        if let text = try t.string("after") {
            do {
                after = try SemVer(text)
            } catch {
                throw t.fail("after", "\(error)", line: t.table["after"]?.span.line)
            }
        }
        var minAge: ConfigDuration? = nil
        if let text = try t.string("min_release_age") {
            guard let d = ConfigDuration(text) else {
                throw t.fail("min_release_age", "expected a duration such as \"48h\", \"7d\" or \"30m\", got \"\(text)\"", line: t.table["min_release_age"]?.span.line)
            }
            minAge = d
        }
        let preset = try t.string("preset")
        var criteria: [CriterionSpec] = []
        if let preset {
            guard let presetCriteria = CriteriaPresets.all[preset] else {
                throw t.fail("preset", "unknown preset \"\(preset)\" (known: \(CriteriaPresets.all.keys.sorted().joined(separator: ", ")))", line: t.table["preset"]?.span.line)
            }
            criteria = presetCriteria
        }
        for c in try t.tables("criteria") {
            let spec = try readCriterion(c)
            if let k = criteria.firstIndex(where: { $0.id == spec.id }) { criteria[k] = spec } else { criteria.append(spec) }
        }
        guard !criteria.isEmpty else {
            throw t.fail(nil, "\(t.path) has no criteria: set preset = \"usage-semantics\" or add [[gate.criteria]]")
        }
        return GateConfig(
            id: try t.string("id") ?? dependency, dependency: dependency, manifests: manifests, index: index,
            upstream: upstream, fixCommit: fixCommit, preset: preset, after: after,
            allowPrerelease: try t.bool("allow_prerelease") ?? false, allowIncompatible: try t.bool("allow_incompatible") ?? false,
            minReleaseAge: minAge, verifySources: try t.bool("verify_sources") ?? true, criteria: criteria)
    }

    private static func readCriterion(_ t: ConfigTable) throws -> CriterionSpec {
        try t.rejectUnknown(["id", "title", "patterns"])
        let id = try t.requiredString("id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw t.fail("id", "use letters, digits, - and _ (it becomes a PLAN.md marker), got \"\(id)\"", line: t.table["id"]?.span.line)
        }
        guard let patterns = try t.strings("patterns"), !patterns.isEmpty else { throw t.fail("patterns", "missing (required): at least one regex") }
        for (k, p) in patterns.enumerated() {
            do {
                _ = try CriterionPattern.compile(p)
            } catch {
                throw t.fail("patterns[\(k)]", "not a valid regex: \(error)", line: t.table["patterns"]?.span.line)
            }
        }
        return CriterionSpec(id: id, title: try t.string("title") ?? id, patterns: patterns)
    }
}

enum RolloutConfigReader {
    static func read(_ t: ConfigTable) throws -> RolloutConfig {
        try t.rejectUnknown(["branch", "evidence_dir", "plan", "qa", "qa_timeout", "lockfile", "captures", "contracts", "remote", "github_api", "github_repository"])
        var r = RolloutConfig()
        if let v = try t.string("branch") { r.branch = v }
        if let v = try t.string("evidence_dir") { r.evidenceDir = v }
        if let v = try t.string("plan") { r.plan = v }
        if let v = try t.strings("qa") { r.qa = v }
        if let v = try t.string("qa_timeout") {
            guard let d = ConfigDuration(v), d.seconds > 0 else { throw t.fail("qa_timeout", "expected a duration such as \"30m\", got \"\(v)\"") }
            r.qaTimeout = d
        }
        if let v = try t.string("lockfile") { r.lockfile = v }
        if let v = try t.string("contracts") { r.contracts = v }
        if let v = try t.string("remote") { r.remote = v }
        if let v = try t.url("github_api") { r.githubAPI = v }
        if let v = try t.string("github_repository") {
            let parts = v.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
                throw t.fail("github_repository", "expected \"owner/name\", got \"\(v)\"", line: t.table["github_repository"]?.span.line)
            }
            r.githubRepository = v
        }
        if let captures = try t.table("captures") {
            r.captures = try captures.table.entries.map { name, node in
                guard case .string(let command) = node.value else {
                    throw captures.fail(name, "expected a command string, got \(node.value.typeDescription)", line: node.span.line)
                }
                if let problem = CaptureName.problem(name) { throw captures.fail(nil, "\(captures.path): \(problem)", line: node.span.line) }
                return (name, command)
            }
        }
        return r
    }
}

enum HTTPConfigReader {
    static func read(_ t: ConfigTable) throws -> HTTPConfig {
        try t.rejectUnknown(["contact", "rate", "timeout", "retries", "concurrency"])
        var h = HTTPConfig()
        h.contact = try t.string("contact")
        if let node = t.table["rate"] {
            switch node.value {
            case .integer(let n) where n > 0: h.rate = Double(n)
            case .float(let f) where f > 0 && f.isFinite: h.rate = f
            default: throw t.fail("rate", "expected requests per second (a positive number)", line: node.span.line)
            }
        }
        if let v = try t.string("timeout") {
            guard let d = ConfigDuration(v), d.seconds > 0 else { throw t.fail("timeout", "expected a duration such as \"30s\", got \"\(v)\"") }
            h.timeout = d
        }
        if let n = try t.integer("retries") {
            guard (0...10).contains(n) else { throw t.fail("retries", "expected 0 to 10, got \(n)") }
            h.retries = n
        }
        if let n = try t.integer("concurrency") {
            guard (1...256).contains(n) else { throw t.fail("concurrency", "expected 1 to 256, got \(n)") }
            h.concurrency = n
        }
        return h
    }
}

enum EvidenceConfigReader {
    static func read(_ t: ConfigTable) throws -> EvidenceConfig {
        try t.rejectUnknown(["signing_key_env"])
        var e = EvidenceConfig()
        if let name = try t.string("signing_key_env") {
            // Never echoed: a key pasted here by mistake must not reach a CI log.
            if name.contains("-----BEGIN") || name.contains("\n") {
                throw t.fail("signing_key_env", "looks like a key itself, not a variable's name: remove it from this file (and make a new key if it was committed), put the PEM in an environment variable and name the variable here")
            }
            let valid = !name.isEmpty && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
                && !(0x30...0x39).contains(name.utf8.first!)
            guard valid else { throw t.fail("signing_key_env", "expected the name of an environment variable (letters, digits and _)") }
            e.signingKeyEnv = name
        }
        return e
    }
}
