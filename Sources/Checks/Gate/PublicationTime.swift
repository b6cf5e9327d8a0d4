import Foundation
import Support
import HTTP
import Cargo

/// When a version was published: the index's `pubtime`, else the `Last-Modified` its download
/// was served with (kept beside the verified package, since a warm run downloads nothing).
enum PublicationTime {
    static func age(of entry: IndexEntry, directory: String, now: Date) -> Double? {
        if let text = entry.publishedAt, let date = rfc3339(text) {
            return now.timeIntervalSince(date)
        }
        guard let text = try? String(contentsOfFile: sidecar(entry, directory), encoding: .utf8),
              let date = httpDate(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return now.timeIntervalSince(date)
    }

    static func record(_ lastModified: String, for entry: IndexEntry, directory: String) {
        try? AtomicFile.write(lastModified + "\n", to: sidecar(entry, directory))
    }

    private static func sidecar(_ entry: IndexEntry, _ directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(entry.name)-\(entry.version)-\(entry.checksum.prefix(12)).published")
    }

    static func rfc3339(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }

    static func httpDate(_ text: String) -> Date? {
        HTTPDate.parse(text).map { Date(timeIntervalSince1970: $0) }
    }
}
