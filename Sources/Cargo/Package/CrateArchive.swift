import Support
/// Reads a downloaded `.crate` (a gzip-compressed tar archive) in memory.
public enum CrateArchive {
    /// Verifies `bytes` against `checksum` (SHA-256 hex from the index) BEFORE reading anything, then reads it in memory.
    public static func read(_ bytes: [UInt8], name: String, version: String, checksum: String,
                            limits: PackageLimits = .init()) throws -> CratePackage {
        let package = PackageError.fileName(name: name, version: version)
        func fail(_ message: String) -> PackageError { PackageError(package: package, message: message) }
        // Size first: it costs nothing, while hashing an endless download does.
        guard bytes.count <= limits.maxCompressedBytes else {
            throw fail("the download is \(bytes.count) bytes, over the \(PackageLimits.describe(limits.maxCompressedBytes)) limit")
        }
        let actual = SHA256Hex.of(bytes)
        guard actual == checksum.lowercased() else {
            throw fail("checksum mismatch: the index says \(EntryPath.display(Array(checksum.utf8.prefix(80)))), the download is \(actual)")
        }
        guard !bytes.isEmpty else { throw fail("the download is empty") }
        let contents = try CrateReader(package: package, root: "\(name)-\(version)", limits: limits).read(bytes)
        return CratePackage(name: name, version: version, checksum: actual, manifest: contents.manifest,
                            originalManifest: contents.originalManifest,
                            changelog: contents.changelog, vcsInfo: contents.vcsInfo, entryCount: contents.entryCount,
                            files: contents.files, archive: bytes, limits: limits)
    }
}
