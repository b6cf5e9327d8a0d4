import Foundation

/// A server's `Retry-After`: delta-seconds or an HTTP-date.
enum RetryAfter {
    /// Seconds to wait from now (never negative), or nil when the value is neither form.
    static func seconds(_ value: String, now: Double = Date().timeIntervalSince1970) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // Huge values only need to be "more than the cap"; avoid integer overflow.
            return text.count > 9 ? 999_999_999 : Double(text)
        }
        guard let date = HTTPDate.parse(text) else { return nil }
        return max(0, date - now)
    }

    /// "3 s", "1.5 s", "3600 s": how a wait reads in an error message.
    static func describe(_ seconds: Double) -> String {
        if seconds == seconds.rounded() || seconds >= 10 { return "\(Int(seconds.rounded(.up))) s" }
        return String(format: "%.1f s", seconds)
    }
}
