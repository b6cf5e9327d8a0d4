/// How much a package may cost to read. The defaults sit well above real crates (crates.io
/// itself refuses uploads over 10 MiB) and well below what would hurt a CI runner.
public struct PackageLimits: Sendable {
    /// The `.crate` file as downloaded.
    public var maxCompressedBytes = 20 << 20
    /// The tar stream once decompressed, headers included: the work a package can demand.
    public var maxUncompressedBytes = 100 << 20
    /// Headers in the archive, directories included.
    public var maxEntries = 10_000
    /// Any one file gatekeeper reads into memory (Cargo.toml, the changelog, the vcs info).
    public var maxReadFileBytes = 4 << 20

    public init() {}

    /// "100 MiB", "512 KiB" or "1000 bytes", as limits are named in messages.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
