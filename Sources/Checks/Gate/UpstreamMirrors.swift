import Support
import Foundation
import Git
import Cargo

/// Bare mirrors of upstream repositories in the cache (cloned once, fetched on later runs),
/// opened once per run however many gates share them.
final class UpstreamMirrors {
    let directory: String
    private var open: [String: GitRepository] = [:]

    init(directory: String) { self.directory = directory }

    struct Unreachable: Error, CustomStringConvertible {
        let url: String
        let message: String
        var description: String { "upstream \(url): \(message)" }
    }

    func mirror(_ url: String) throws -> GitRepository {
        if let repo = open[url] { return repo }
        let path = (directory as NSString).appendingPathComponent("\(SHA256Hex.of(Array(url.utf8)).prefix(16)).git")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let repo = try GitRepository.mirror(of: url, at: path)
            open[url] = repo
            return repo
        } catch {
            throw Unreachable(url: url, message: "\(error)")
        }
    }
}
