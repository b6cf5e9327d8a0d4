import Foundation
import Support
import HTTP
import Git
import Cargo

/// What `init` reads before a config exists, the way `check` reads it (same client, same
/// cache folder, so the first check finds it there): the pinned release's package from the
/// registry, and a commit named by abbreviation resolved in the upstream.
public final class PinnedRelease {
    let client: HTTPClient
    let store: PackageStore
    let upstreams: UpstreamMirrors
    let configCache: RegistryConfigCache
    let limits = PackageLimits()

    public init(cacheDirectory: String, userAgent: String) throws {
        let cache = CheckCache(directory: cacheDirectory)
        var http = cache.httpOptions(userAgent: userAgent, limits: limits)
        // init asks once and says why when it cannot: no long retrying for a first look.
        http.retries = 1
        http.totalTimeout = 30
        client = try HTTPClient(options: http)
        store = cache.store
        upstreams = cache.upstreams
        configCache = cache.configs
    }

    /// The package `dependency` `version` as published in `index`, checksum-verified.
    public func package(dependency: String, version: SemVer, index: String) throws -> CratePackage {
        let gate = GateConfig(id: dependency, dependency: dependency, manifests: [], index: index, upstream: nil, fixCommit: nil,
                              preset: nil, after: nil, allowPrerelease: true, minReleaseAge: nil, criteria: [])
        let registry = try RegistryBatch.fetch(gates: [gate], client: client, configs: configCache, now: Date())
        guard let entries = registry.entries[0] else {
            throw SourceError(file: index, line: nil, message: "\(dependency) is not published there")
        }
        guard let entry = entries.first(where: { $0.version.precedence(version) == 0 }) else {
            throw SourceError(file: index, line: nil, message: "\(dependency) \(version) is not published there")
        }
        var packages: [String: CratePackage] = [:]
        try PackageBatch.fetch([(gate, entry)], registry: registry, client: client, store: store, limits: limits, into: &packages)
        guard let package = packages[PackageBatch.key(entry)] else {
            throw SourceError(file: index, line: nil, message: "\(dependency) \(version): the registry names no download for it")
        }
        return package
    }

    /// The full id of the commit `abbreviation` names in `upstream` (mirrored into the cache),
    /// looked up as an object id only: a branch or tag named like it is not followed.
    public func commit(_ abbreviation: String, in upstream: String) throws -> GitObjectID {
        try upstreams.mirror(upstream).commitID(prefix: abbreviation)
    }
}
