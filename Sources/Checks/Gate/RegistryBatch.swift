import Foundation
import Support
import Usage
import HTTP
import Cargo

/// The registry side of a check: `config.json` of each index and the index file of each gate,
/// fetched in one concurrent batch with conditional requests.
struct RegistryBatch {
    /// Per gate: the index entries, or nil when the crate is not in the registry.
    let entries: [[IndexEntry]?]
    /// Per gate: the index file read (URL and sha256 of its bytes), nil when there was none.
    let indexFiles: [ResourceDescriptor?]
    /// By index root URL.
    let configs: [String: RegistryConfig]

    static func root(_ index: String) -> String { index.hasSuffix("/") ? index : index + "/" }

    static func fetch(gates: [GateConfig], client: HTTPClient, configs cache: RegistryConfigCache, now: Date) throws -> RegistryBatch {
        let roots = Array(Set(gates.map { root($0.index) })).sorted()
        var configs: [String: RegistryConfig] = [:]
        for root in roots { configs[root] = cache.fresh(root, now: now) }
        let stale = roots.filter { configs[$0] == nil }
        let indexURLs = try gates.map { root($0.index) + (try IndexPath.of($0.dependency)) }
        let requests = stale.map { HTTPRequest(url: $0 + "config.json", conditional: true) }
            + indexURLs.map { HTTPRequest(url: $0, conditional: true) }
        let results = client.getAll(requests)

        for (k, root) in stale.enumerated() {
            let response = try results[k].get()
            configs[root] = try RegistryConfig(json: response.body, url: root + "config.json")
            cache.save(response.body, for: root)
        }
        var entries: [[IndexEntry]?] = []
        var files: [ResourceDescriptor?] = []
        for (k, gate) in gates.enumerated() {
            let url = indexURLs[k]
            switch results[stale.count + k] {
            case .success(let response):
                entries.append(try IndexFile.parse(response.body, source: url, crate: gate.dependency))
                files.append(ResourceDescriptor(name: "index file of \(gate.dependency)", uri: url, digest: ["sha256": SHA256Hex.of(response.body)]))
            case .failure(let error) where isAbsent(error, url: url):
                entries.append(nil)
                files.append(nil)
            case .failure(let error):
                throw error
            }
        }
        return RegistryBatch(entries: entries, indexFiles: files, configs: configs)
    }

    /// A crate the registry does not have: 404/410 over HTTP, a missing file for file://.
    private static func isAbsent(_ error: HTTPError, url: String) -> Bool {
        if let status = error.status { return status == 404 || status == 410 }
        if url.hasPrefix("file://"), let path = URL(string: url)?.path {
            return !FileManager.default.fileExists(atPath: path)
        }
        return false
    }
}

/// Packages: from the verified store, else downloaded (one concurrent batch), checksum-verified
/// before a byte is read, then stored.
enum PackageBatch {
    static func key(_ entry: IndexEntry) -> String { "\(entry.name)@\(entry.version)" }

    static func fetch(_ wanted: [(gate: GateConfig, entry: IndexEntry)], registry: RegistryBatch, client: HTTPClient,
                      store: PackageStore, limits: PackageLimits, into packages: inout [String: CratePackage]) throws {
        var downloads: [(entry: IndexEntry, url: String)] = []
        var seen = Set(packages.keys)
        for (gate, entry) in wanted where seen.insert(key(entry)).inserted {
            if let bytes = store.load(name: entry.name, version: entry.version.description, checksum: entry.checksum) {
                packages[key(entry)] = try CrateArchive.read(bytes, name: entry.name, version: entry.version.description,
                                                             checksum: entry.checksum, limits: limits)
                continue
            }
            guard let config = registry.configs[RegistryBatch.root(gate.index)] else { continue }
            let url = try config.downloadURL(crate: entry.name, version: entry.version.description, checksum: entry.checksum)
            downloads.append((entry, url))
        }
        let results = client.getAll(downloads.map { HTTPRequest(url: $0.url, conditional: false, maxBodyBytes: limits.maxCompressedBytes) })
        for (download, result) in zip(downloads, results) {
            let response = try result.get()
            let entry = download.entry
            let package = try CrateArchive.read(response.body, name: entry.name, version: entry.version.description,
                                                checksum: entry.checksum, limits: limits)
            try store.save(response.body, name: entry.name, version: entry.version.description, checksum: entry.checksum)
            if let lastModified = response.headers["last-modified"] {
                PublicationTime.record(lastModified, for: entry, directory: store.directory)
            }
            packages[key(entry)] = package
        }
    }
}
