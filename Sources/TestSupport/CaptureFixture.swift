#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deterministic run captures as the Rust and Python agent paths save them, for tests, the
/// demo and the parity benchmark. The same options always give the same bytes.
public enum CaptureFixture {
    /// Which agent path saved the capture; decides the final message's extra keys and the JSON spelling.
    public enum Path: String, Sendable, CaseIterable {
        /// serde_json style: compact, raw UTF-8; messages carry `api` and `provider`.
        case rust
        /// `json.dumps` style: ", " / ": ", `\uXXXX` escapes; messages carry `model` and `timestamp` only.
        case python
    }

    /// What the usage numbers mean, i.e. which drift (if any) the capture shows.
    public enum Semantics: String, Sendable, CaseIterable {
        /// Canonical: input includes cached tokens, total = input + output.
        case providerRaw
        /// Input net of cache reads, so cache_read > input.
        case netOfCache
        /// total_tokens = input + output + cache_read, with cache_read > 0.
        case legacyTotal
        /// Provider-raw values under camelCase keys (`cacheRead`, `cacheWrite`, `totalTokens`).
        case legacyKeys

        /// Whether a capture with these semantics is aligned with a canonical one.
        public var isCanonical: Bool { self == .providerRaw }
    }

    public struct Options: Sendable {
        public var path: Path
        public var semantics: Semantics
        /// How many `message_update` events (ignored by `make(targetBytes:_:)`).
        public var updates: Int
        /// About how many UTF-8 bytes of text each delta adds.
        public var deltaBytes: Int
        /// Also write the final message under the top-level `"final_assistant"` key.
        public var includeFinalAssistant: Bool
        public var seed: UInt64
        /// Each update repeats at most about this many bytes of the text so far (its tail), so
        /// sizes grow linearly with the update count instead of quadratically.
        public var partialCapBytes: Int

        public init(
            path: Path, semantics: Semantics = .providerRaw, updates: Int = 40, deltaBytes: Int = 24,
            includeFinalAssistant: Bool = false, seed: UInt64 = 1, partialCapBytes: Int = 8192
        ) {
            self.path = path
            self.semantics = semantics
            self.updates = updates
            self.deltaBytes = deltaBytes
            self.includeFinalAssistant = includeFinalAssistant
            self.seed = seed
            self.partialCapBytes = partialCapBytes
        }
    }

    /// The capture's JSON bytes.
    public static func make(_ options: Options) -> [UInt8] {
        var builder = CaptureBuilder(options)
        return builder.build(updates: max(0, options.updates), targetBytes: nil)
    }

    /// The same bytes as text, for `CaptureReader.parse(_:file:)` in tests.
    public static func makeText(_ options: Options) -> String {
        String(decoding: make(options), as: UTF8.self)
    }

    /// A capture of about `targetBytes` (within a few KB): as many updates as it takes.
    public static func make(targetBytes: Int, _ options: Options) -> [UInt8] {
        var builder = CaptureBuilder(options, capacity: targetBytes + 64 * 1024)
        return builder.build(updates: nil, targetBytes: targetBytes)
    }

    public static func write(_ options: Options, to path: String) throws {
        try write(bytes: make(options), to: path)
    }

    public static func write(targetBytes: Int, _ options: Options, to path: String) throws {
        try write(bytes: make(targetBytes: targetBytes, options), to: path)
    }

    /// A file that could not be written, with the system's reason.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Plain POSIX writes: the library stays free of Foundation.
    public static func write(bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
