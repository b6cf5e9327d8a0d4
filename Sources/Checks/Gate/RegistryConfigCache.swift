import Foundation
import Usage
import Support
import Cargo

/// `config.json` changes about never, and cargo itself reuses it; keeping it for a day makes a
/// steady-state poll one request (the index file, answered 304) instead of two.
struct RegistryConfigCache {
    let directory: String
    static let freshFor: TimeInterval = 24 * 3600

    func path(_ root: String) -> String {
        (directory as NSString).appendingPathComponent("\(SHA256Hex.of(Array(root.utf8)).prefix(16))-config.json")
    }

    /// The cached config when younger than a day and still valid.
    func fresh(_ root: String, now: Date) -> RegistryConfig? {
        let file = path(root)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let modified = attributes[.modificationDate] as? Date,
              now.timeIntervalSince(modified) < Self.freshFor, now >= modified,
              let bytes = try? FileBytes.read(file) else { return nil }
        return try? RegistryConfig(json: bytes, url: root + "config.json")
    }

    func save(_ bytes: [UInt8], for root: String) {
        try? AtomicFile.write(Data(bytes), to: path(root))
    }
}
