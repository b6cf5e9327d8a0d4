import Foundation
import HTTP
import Cargo

/// The layout of the cache folder `check` reads through, for `check` and `init` alike: HTTP
/// responses (the client's own), verified packages, upstream mirrors, registry configs.
struct CheckCache {
    let directory: String
    let store: PackageStore
    let upstreams: UpstreamMirrors
    let configs: RegistryConfigCache

    init(directory: String) {
        self.directory = directory
        let folder = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        store = PackageStore(directory: folder("packages"))
        upstreams = UpstreamMirrors(directory: folder("upstream"))
        configs = RegistryConfigCache(directory: folder("registry"))
    }

    /// A client's options that cache its responses here and refuse a body above a package's limit.
    func httpOptions(userAgent: String, limits: PackageLimits) -> HTTPOptions {
        var http = HTTPOptions(userAgent: userAgent)
        http.cacheDirectory = directory
        http.maxBodyBytes = limits.maxCompressedBytes
        return http
    }
}
