import Foundation

/// "2026-12-03T22:50:07Z": RFC 3339 in UTC, whole seconds, as ISO8601DateFormatter writes it
/// by default. Written with gmtime_r, not a formatter: Foundation's formatter loads ICU's date
/// machinery, over a millisecond of every poll's start-up for one string.
public enum UTCTimestamp {
    public static func string(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
