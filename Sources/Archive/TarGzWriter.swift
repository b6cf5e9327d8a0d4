import CArchive
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libarchive failure while writing, with libarchive's own message.
public struct ArchiveWriteError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { "cannot write a tar.gz: \(message)" }
}

/// One tar entry, written exactly as given (hostile paths and links included).
public struct TarEntry: Sendable {
    public enum Kind: Sendable {
        case regular(String)
        case symlink(target: String)
        case hardlink(target: String)
        case directory
    }

    public var path: String
    public var kind: Kind
    /// The size the header declares, when it should differ from the content. A larger size
    /// is filled with zero bytes as libarchive streams the archive out, so a decompression
    /// bomb of any size costs no memory to build.
    public var size: Int64?

    public init(path: String, kind: Kind, size: Int64? = nil) {
        self.path = path
        self.kind = kind
        self.size = size
    }

    public static func file(_ path: String, _ text: String) -> TarEntry {
        TarEntry(path: path, kind: .regular(text))
    }
}

/// A tar.gz assembled in memory by libarchive: GNU tar headers like cargo's, one gzip member
/// with no timestamp, no padding after it.
package final class TarGzWriter {
    /// Where libarchive's write callback appends; a class so the C callback can reach it.
    final class Sink {
        var bytes: [UInt8] = []
    }

    private let handle: OpaquePointer
    /// Every entry's modification time, so the same input always gives the same bytes.
    private let mtime: Int
    private let sink = Sink()
    private var finished = false

    package enum Format {
        /// GNU tar headers, as cargo writes them.
        case gnutar
        /// One entry's data and nothing else: plain gzip.
        case raw
    }

    package init(format: Format = .gnutar, mtime: Int) throws {
        self.mtime = mtime
        guard let handle = archive_write_new() else { throw ArchiveWriteError(message: "libarchive could not allocate a writer") }
        self.handle = handle
        try check(format == .gnutar ? archive_write_set_format_gnutar(handle) : archive_write_set_format_raw(handle))
        try check(archive_write_add_filter_gzip(handle))
        // A gzip header carries the time of writing unless told not to; fixtures must not change.
        try check(archive_write_set_filter_option(handle, "gzip", "timestamp", nil))
        // Block padding would land after the gzip stream, where cargo's reader sees junk.
        try check(archive_write_set_bytes_in_last_block(handle, 1))
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try check(archive_write_open2(handle, context, nil, { _, context, buffer, length in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            if length > 0, let buffer {
                sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
            }
            return length
        }, nil, nil))
    }

    deinit {
        archive_write_free(handle)
    }

    /// Writes one entry; `data`, when given, replaces the text of a regular entry.
    package func add(_ raw: TarEntry, data: [UInt8]? = nil) throws {
        guard let entry = archive_entry_new() else { throw ArchiveWriteError(message: "libarchive could not allocate an entry") }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname(entry, raw.path)
        archive_entry_set_mtime(entry, time_t(mtime), 0)
        var content: [UInt8] = []
        switch raw.kind {
        case .regular(let text):
            content = data ?? Array(text.utf8)
            archive_entry_set_filetype(entry, UInt32(gk_archive_type_regular()))
            archive_entry_set_perm(entry, 0o644)
        case .symlink(let target):
            archive_entry_set_filetype(entry, UInt32(gk_archive_type_symlink()))
            archive_entry_set_perm(entry, 0o777)
            archive_entry_set_symlink(entry, target)
        case .hardlink(let target):
            archive_entry_set_filetype(entry, UInt32(gk_archive_type_regular()))
            archive_entry_set_perm(entry, 0o644)
            archive_entry_set_hardlink(entry, target)
        case .directory:
            archive_entry_set_filetype(entry, UInt32(gk_archive_type_directory()))
            archive_entry_set_perm(entry, 0o755)
        }
        let size = raw.size ?? Int64(content.count)
        archive_entry_set_size(entry, size)
        try check(archive_write_header(handle, entry))
        let written = content.prefix(Int(clamping: max(0, size)))
        if !written.isEmpty {
            let n = written.withUnsafeBytes { archive_write_data(handle, $0.baseAddress, $0.count) }
            guard n == written.count else { throw failure() }
        }
        // Pads the rest of a larger declared size with zeros, streamed.
        try check(archive_write_finish_entry(handle))
    }

    package func finish() throws -> [UInt8] {
        if !finished {
            finished = true
            try check(archive_write_close(handle))
        }
        return sink.bytes
    }

    private func check(_ status: Int32) throws {
        guard status == ARCHIVE_OK else { throw failure() }
    }

    private func failure() -> ArchiveWriteError {
        ArchiveWriteError(message: archive_error_string(handle).map { String(cString: $0) } ?? "libarchive gave no reason")
    }
}
