import CArchive

/// Decodes a `Content-Encoding: gzip` body through libarchive's gzip filter.
///
/// Why not libcurl's own decoding: libcurl 7.88 (Debian 12) returns a gzip stream cut off at a
/// clean HTTP boundary as a successful, silently shortened body. libarchive reports the cut
/// ("truncated gzip input"), so a short index file can never pass for a whole one.
package enum GzipDecoder {
    package enum Failure: Error, Equatable {
        case corrupt(String)
        case tooLarge
    }

    /// The decoded bytes, refusing to produce more than `limit` of them.
    package static func decode(_ compressed: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        // The gzip magic number: libarchive would pass anything else through unchanged.
        guard compressed.count >= 2, compressed[0] == 0x1f, compressed[1] == 0x8b else {
            throw .corrupt("not a gzip stream")
        }
        guard let archive = archive_read_new() else { throw .corrupt("libarchive: out of memory") }
        defer { archive_read_free(archive) }
        archive_read_support_filter_gzip(archive)
        archive_read_support_format_raw(archive)
        // An empty payload is a valid gzip stream; the raw format alone rejects it.
        archive_read_support_format_empty(archive)

        // libarchive reads straight from the array's storage, which must stay put meanwhile.
        let result = compressed.withUnsafeBytes { raw -> Result<[UInt8], Failure> in
            guard archive_read_open_memory(archive, raw.baseAddress, raw.count) == ARCHIVE_OK else {
                return .failure(.corrupt(message(archive)))
            }
            var entry: OpaquePointer?
            let header = archive_read_next_header(archive, &entry)
            if header == ARCHIVE_EOF { return .success([]) }
            guard header == ARCHIVE_OK else { return .failure(.corrupt(message(archive))) }

            var output: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if count == 0 { return .success(output) }
                guard count > 0 else { return .failure(.corrupt(message(archive))) }
                guard count <= limit - output.count else { return .failure(.tooLarge) }
                output.append(contentsOf: chunk[0..<count])
            }
        }
        return try result.get()
    }

    private static func message(_ archive: OpaquePointer) -> String {
        guard let text = archive_error_string(archive) else { return "truncated gzip input" }
        return String(cString: text)
    }
}
