import Foundation
import Support
import Testing

/// The hand-written timestamp says exactly what Foundation's formatter said before it.
@Suite struct UTCTimestampTests {
    @Test(arguments: [0.0, 951_782_400.5, 1_709_164_799.999, 1_798_761_599, 1_796_335_807, 4_102_444_800, 253_402_300_799])
    func itWritesWhatISO8601DateFormatterWrites(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(UTCTimestamp.string(date) == ISO8601DateFormatter().string(from: date))
    }

    @Test func itIsNow() {
        let text = UTCTimestamp.string()
        let parsed = ISO8601DateFormatter().date(from: text)
        #expect(parsed.map { abs($0.timeIntervalSinceNow) < 5 } == true, "\(text)")
    }
}
