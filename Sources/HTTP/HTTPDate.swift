/// HTTP-dates (RFC 9110 §5.6.7): the IMF-fixdate servers send today ("Sun, 06 Nov 1994
/// 08:49:37 GMT") and the two obsolete forms recipients must still accept ("Sunday,
/// 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"). Parsed by hand: fixed formats, and no
/// dependence on the C library's locale.
package enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Seconds since 1970, or nil when `text` is not an HTTP-date.
    package static func parse(_ text: String) -> Double? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.count == 6, words[0].hasSuffix(","), words[5] == "GMT" {        // IMF-fixdate
            return make(day: words[1], month: words[2], year: words[3], time: words[4])
        }
        if words.count == 4, words[0].hasSuffix(","), words[3] == "GMT" {        // RFC 850
            let parts = words[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[2].count == 2, let yy = Int(parts[2]) else { return nil }
            return make(day: parts[0], month: parts[1], year: String(yy < 70 ? 2000 + yy : 1900 + yy), time: words[2])
        }
        if words.count == 5 {                                                     // asctime
            return make(day: words[2], month: words[1], year: words[4], time: words[3])
        }
        return nil
    }

    private static func make(day: String, month: String, year: String, time: String) -> Double? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard day.count <= 2, year.count == 4, clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let d = Int(day), let y = Int(year), let m = months.firstIndex(of: month.lowercased()),
              let hh = Int(clock[0]), let mm = Int(clock[1]), let ss = Int(clock[2]),
              (1...31).contains(d), (0...23).contains(hh), (0...59).contains(mm), (0...60).contains(ss)
        else { return nil }
        let days = daysSince1970(year: y, month: m + 1, day: d)
        return Double(days * 86_400 + hh * 3600 + mm * 60 + ss)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
