import Foundation
import Usage
import HTTP
import Cargo

/// What `check` needs besides the config.
public struct CheckOptions: Sendable {
    public var repo: String
    public var cacheDirectory: String
    /// `--version X`: the candidate to judge instead of the highest eligible one.
    public var requestedVersion: SemVer?
    public var now: Date
    public var userAgent: String
    public var packageLimits: PackageLimits

    public init(repo: String, cacheDirectory: String, requestedVersion: SemVer? = nil, now: Date = Date(),
                userAgent: String, packageLimits: PackageLimits = PackageLimits()) {
        self.repo = repo
        self.cacheDirectory = cacheDirectory
        self.requestedVersion = requestedVersion
        self.now = now
        self.userAgent = userAgent
        self.packageLimits = packageLimits
    }
}

/// Evaluates every gate of a config: registry, packages, changelog, commits, provenance.
/// Network work is batched across gates (one concurrent batch for index files, one for
/// packages) so a thousand gates cost little more than one.
public final class GateChecker {
    let config: GatekeeperConfig
    let options: CheckOptions
    let client: HTTPClient
    let store: PackageStore
    let upstreams: UpstreamMirrors
    let configCache: RegistryConfigCache

    public init(config: GatekeeperConfig, options: CheckOptions) throws {
        self.config = config
        self.options = options
        let cache = CheckCache(directory: options.cacheDirectory)
        var http = cache.httpOptions(userAgent: options.userAgent, limits: options.packageLimits)
        http.totalTimeout = Double(config.http.timeout.seconds)
        http.retries = config.http.retries
        http.ratePerHost = config.http.rate
        http.concurrency = config.http.concurrency
        client = try HTTPClient(options: http)
        store = cache.store
        upstreams = cache.upstreams
        configCache = cache.configs
    }

    public func run() throws -> CheckReport {
        var parsed: [String: ManifestIndex] = [:]
        let pins = try config.gates.map {
            try PinnedVersion.read(dependency: $0.dependency, manifests: $0.manifests, repo: options.repo, parsed: &parsed)
        }
        let registry = try RegistryBatch.fetch(gates: config.gates, client: client, configs: configCache, now: options.now)
        let currents = config.gates.enumerated().map { k, gate in gate.after ?? pins[k].version }
        var packages: [String: CratePackage] = [:]

        // A minimum age without `pubtime` is judged by the download's Last-Modified, so those
        // versions are fetched before choosing.
        var undated: [(gate: GateConfig, entry: IndexEntry)] = []
        for (k, gate) in config.gates.enumerated() where (gate.minReleaseAge?.seconds ?? 0) > 0 {
            for entry in registry.entries[k] ?? [] where entry.publishedAt == nil && !entry.yanked
                && entry.version.precedence(currents[k]) > 0 && (gate.allowPrerelease || !entry.version.isPreRelease) {
                undated.append((gate, entry))
            }
        }
        try PackageBatch.fetch(undated, registry: registry, client: client, store: store, limits: options.packageLimits, into: &packages)

        var selections: [GateSelection] = []
        for (k, gate) in config.gates.enumerated() {
            let current = currents[k]
            let entries = registry.entries[k]
            let outcome: CandidateSelector.Outcome
            if let entries {
                outcome = CandidateSelector.select(
                    from: entries, current: current, requested: options.requestedVersion,
                    allowPrerelease: gate.allowPrerelease, allowIncompatible: gate.allowIncompatible, minimumAge: gate.minReleaseAge,
                    age: { PublicationTime.age(of: $0, directory: self.store.directory, now: self.options.now) })
            } else {
                outcome = .none(reason: "\(gate.dependency) is not published in \(gate.index)")
            }
            let pinnedEntry = entries?.first { $0.version.precedence(current) == 0 && !$0.version.isPreRelease }
            var candidate: ResourceDescriptor? = nil
            if case .candidate(let e) = outcome {
                let url = try? registry.configs[RegistryBatch.root(gate.index)]?.downloadURL(crate: e.name, version: e.version.description, checksum: e.checksum)
                candidate = .crate(e.name, version: e.version.description, checksum: e.checksum, downloadURL: url)
            }
            selections.append(GateSelection(gate: gate, current: current, outcome: outcome, pinnedEntry: pinnedEntry,
                                            entries: entries ?? [], indexFile: registry.indexFiles[k], candidateResource: candidate))
        }
        // The candidates and the pinned releases (their vcs commit bounds the commit range).
        let wanted = selections.flatMap { s in [s.candidate, s.candidate == nil ? nil : s.pinnedEntry].compactMap { $0.map { (s.gate, $0) } } }
        try PackageBatch.fetch(wanted, registry: registry, client: client, store: store, limits: options.packageLimits, into: &packages)

        var reports: [GateReport] = []
        for (k, selection) in selections.enumerated() {
            reports.append(try GateEvaluation(selection: selection, pins: pins[k], packages: packages, upstreams: upstreams).report())
        }
        let stats = client.statistics
        return CheckReport(gates: reports, requestsTotal: stats.total, requestsNotModified: stats.notModified)
    }
}

struct GateSelection {
    let gate: GateConfig
    let current: SemVer
    let outcome: CandidateSelector.Outcome
    let pinnedEntry: IndexEntry?
    /// Every index entry of the dependency.
    let entries: [IndexEntry]
    /// The index file it was read from.
    let indexFile: ResourceDescriptor?
    /// The candidate's `.crate`, where the registry serves it.
    let candidateResource: ResourceDescriptor?

    /// The newest live version above the pin, compatible or not.
    var latest: IndexEntry? { CandidateSelector.latest(from: entries, current: current, allowPrerelease: gate.allowPrerelease) }

    /// `latest`, when it is newer than the candidate and outside the pin's compatibility range.
    var newerIncompatible: IndexEntry? {
        guard let latest, !latest.version.isCaretCompatible(with: current) else { return nil }
        if let candidate, latest.version <= candidate.version { return nil }
        return latest
    }

    var candidate: IndexEntry? {
        if case .candidate(let e) = outcome { return e }
        return nil
    }
}
