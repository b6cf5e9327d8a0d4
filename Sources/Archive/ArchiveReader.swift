import CArchive
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libarchive failure, with libarchive's own message.
package struct ArchiveFailure: Error, Sendable {
    package let message: String
}

/// One header of a tar archive, as libarchive reports it.
package struct ArchiveEntry {
    package enum Kind: Equatable {
        case regular, directory, symlink, hardlink
        case other(String)
    }

    /// The name's bytes exactly as stored (no charset conversion); nil when the header has none.
    package let path: [UInt8]?
    package let kind: Kind
    /// The declared size of the data; nil when the header does not set one.
    package let size: Int64?
    /// Where a link points, for symbolic and hard links.
    package let linkTarget: [UInt8]?
    /// Sparse files declare more bytes than they store, so their size says nothing about the work to read them.
    package let isSparse: Bool
}

/// Reads a gzip-compressed tar archive held in memory, one entry at a time, through libarchive.
/// The reader lives only inside `withArchive`, because libarchive reads the caller's buffer in place.
package final class ArchiveReader {
    private let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        archive_read_free(handle)
    }

    /// Opens `bytes` with only the gzip filter and the tar formats enabled, so nothing else is
    /// ever parsed (no zip, no xz, no external programs).
    package static func withArchive<T>(_ bytes: [UInt8], _ body: (ArchiveReader) throws -> T) throws -> T {
        guard let handle = archive_read_new() else { throw ArchiveFailure(message: "libarchive could not allocate a reader") }
        let reader = ArchiveReader(handle: handle)
        guard archive_read_support_filter_gzip(handle) == ARCHIVE_OK,
              archive_read_support_format_tar(handle) == ARCHIVE_OK else {
            throw reader.failure()
        }
        return try bytes.withUnsafeBytes { buffer in
            // An empty array has no storage to point libarchive at.
            guard let base = buffer.baseAddress, buffer.count > 0 else { throw ArchiveFailure(message: "empty input") }
            guard archive_read_open_memory(handle, base, buffer.count) == ARCHIVE_OK else { throw reader.failure() }
            return try body(reader)
        }
    }

    /// The next header, or nil at the end of the archive. Warnings count as failures: libarchive
    /// warns when it skips damaged headers, and a package must not have parts nobody reads.
    package func next() throws -> ArchiveEntry? {
        var raw: OpaquePointer?
        let status = archive_read_next_header(handle, &raw)
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK, let entry = raw else { throw failure() }
        return Self.describe(entry)
    }

    /// Hands the current entry's data to `body` block by block, as libarchive decompresses it
    /// (no copy); returns the number of bytes. `body` may throw to stop early.
    @discardableResult
    package func streamData(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        var total: Int64 = 0
        while true {
            var block: UnsafeRawPointer?
            var size = 0
            var offset: Int64 = 0
            let status = archive_read_data_block(handle, &block, &size, &offset)
            if status == ARCHIVE_EOF { return total }
            guard status == ARCHIVE_OK else { throw failure() }
            // Packages hold no sparse files, so blocks arrive in order without holes.
            guard offset == total else { throw ArchiveFailure(message: "data block out of order at offset \(offset)") }
            if size > 0, let block {
                try body(UnsafeRawBufferPointer(start: block, count: size))
            }
            total += Int64(size)
        }
    }

    /// Passes over the current entry's data (gzip cannot seek, so this still decompresses it).
    package func skipData() throws {
        guard archive_read_data_skip(handle) == ARCHIVE_OK else { throw failure() }
    }

    /// Bytes that came out of the decompressor so far: the work a package has cost.
    package var uncompressedBytes: Int64 {
        archive_filter_bytes(handle, 0)
    }

    /// True when exactly one gzip layer wraps the tar stream (known after the first header).
    package var isSingleGzip: Bool {
        archive_filter_count(handle) == 2 && archive_filter_code(handle, 0) == ARCHIVE_FILTER_GZIP
    }

    /// True when no compression wraps the tar stream.
    package var isUncompressed: Bool {
        archive_filter_count(handle) <= 1 || archive_filter_code(handle, 0) == ARCHIVE_FILTER_NONE
    }

    private func failure() -> ArchiveFailure {
        let text = archive_error_string(handle).map { String(cString: $0) } ?? "libarchive gave no reason"
        return ArchiveFailure(message: text)
    }

    private static func describe(_ entry: OpaquePointer) -> ArchiveEntry {
        let path = bytes(archive_entry_pathname(entry)) ?? bytes(archive_entry_pathname_utf8(entry))
        let hardlink = bytes(archive_entry_hardlink(entry))
        let type = archive_entry_filetype(entry)
        let kind: ArchiveEntry.Kind
        if hardlink != nil {
            // A hard link's own type is often "regular"; the link is what matters.
            kind = .hardlink
        } else if type == gk_archive_type_regular() {
            kind = .regular
        } else if type == gk_archive_type_directory() {
            kind = .directory
        } else if type == gk_archive_type_symlink() {
            kind = .symlink
        } else if type == gk_archive_type_character_device() {
            kind = .other("character device")
        } else if type == gk_archive_type_block_device() {
            kind = .other("block device")
        } else if type == gk_archive_type_fifo() {
            kind = .other("named pipe")
        } else if type == gk_archive_type_socket() {
            kind = .other("socket")
        } else {
            kind = .other("file of unknown type")
        }
        let target = hardlink ?? bytes(archive_entry_symlink(entry))
        let size: Int64? = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil
        return ArchiveEntry(path: path, kind: kind, size: size, linkTarget: target,
                            isSparse: archive_entry_sparse_count(entry) > 0)
    }

    private static func bytes(_ text: UnsafePointer<CChar>?) -> [UInt8]? {
        guard let text else { return nil }
        return Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
    }
}
