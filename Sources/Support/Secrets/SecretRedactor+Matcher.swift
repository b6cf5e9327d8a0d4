/// Finds every spelling of every secret in one pass over the bytes. A table over the two bytes
/// at each position (`gate`: the first two bytes of some spelling, or its first byte before a
/// `%` or a line break, or `%` before a hex digit) leaves almost every position after one
/// lookup; at the rest, the first byte (decoded, after `%`) picks the spellings that can start
/// there, and each comparison stops at the first byte that differs. Cost: one lookup per byte,
/// plus a comparison as long as the common part at the few positions that start like a secret
/// — linear in the text for real logs, whatever the number of spellings. Nothing is copied
/// when nothing matches.
///
/// A comparison accepts, for each byte of a spelling, the byte itself, `%XX` (hex in either
/// case), `+` for a space; and between two bytes, one line break (`\n` or `\r\n`): a value
/// wrapped at a fixed column or base64 wrapped at 76 is still found. A base64 spelling found
/// takes the rest of its run of base64 characters with it (the encoded `x-access-token:`, the
/// characters that mix in a bit or two of the secret, the padding), on its first and last line.
struct SecretMatcher: Sendable {
    /// A stretch of text to replace, half-open, and the secret it spells.
    struct Region: Equatable {
        var start: Int
        var end: Int
        let secret: Int
    }

    /// Spellings, longest first (a spelling containing another wins at the same position).
    let needles: [[UInt8]]
    /// The secret each needle spells: an index into `replacements`.
    let owners: [Int]
    /// Whether a needle is base64, to be widened to its run of base64 characters.
    let isBase64: [Bool]
    let replacements: [[UInt8]]
    /// Every needle's bytes end to end, needle k at `offsets[k]..<offsets[k + 1]`: the scan
    /// reads them without touching an array of arrays.
    let flat: [UInt8]
    let offsets: [Int]
    /// 1 for a byte some spelling can start with (`+` too for a spelling starting with a space).
    let startsSomething: [UInt8]
    /// For each first byte b, the needles that can start with it, in priority order:
    /// `bucketItems[bucketOffsets[b]..<bucketOffsets[b + 1]]`.
    let bucketOffsets: [Int]
    let bucketItems: [Int]
    /// A bit for every (first byte, second byte) a spelling can start with, as written: most
    /// positions that start like a secret are left after two bytes, without a comparison.
    let pairs: [UInt64]
    /// The pass's gate, 1 for each pair of bytes a position may start with: `pairs`, plus any
    /// first byte of a spelling before `%`, CR or LF, plus `%` before a hex digit. Every other
    /// position is left with this one lookup (a byte per pair: 64 KB, faster than bits).
    let gate: [UInt8]

    /// `secrets`: for each secret, in priority order, its replacement and its spellings.
    init(_ secrets: [(replacement: [UInt8], spellings: [(bytes: [UInt8], base64: Bool)])]) {
        var all: [(needle: [UInt8], owner: Int, base64: Bool)] = []
        for (index, secret) in secrets.enumerated() {
            for spelling in secret.spellings where !spelling.bytes.isEmpty { all.append((spelling.bytes, index, spelling.base64)) }
        }
        // Stable: among equally long spellings, the longer secret's first.
        all = all.enumerated().sorted { a, b in
            a.element.needle.count != b.element.needle.count ? a.element.needle.count > b.element.needle.count : a.offset < b.offset
        }.map(\.element)
        needles = all.map(\.needle)
        owners = all.map(\.owner)
        isBase64 = all.map(\.base64)
        replacements = secrets.map(\.replacement)
        flat = needles.flatMap { $0 }
        offsets = needles.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var table = [UInt8](repeating: 0, count: 256)
        var buckets = [[Int]](repeating: [], count: 256)
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        /// The bytes that can stand for `b` as written: itself, `+` for a space.
        func written(_ b: UInt8) -> [UInt8] { b == Self.space ? [b, Self.plus] : [b] }
        for (index, needle) in needles.enumerated() {
            for first in written(needle[0]) {
                table[Int(first)] = 1
                buckets[Int(first)].append(index)
                for second in needle.count > 1 ? written(needle[1]) : Array(0...255) {
                    let bit = Int(first) << 8 | Int(second)
                    pairs[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        startsSomething = table
        bucketOffsets = buckets.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        bucketItems = buckets.flatMap { $0 }
        self.pairs = pairs
        // No secret, no table: a redactor made for an environment without one costs nothing.
        var gate = [UInt8](repeating: 0, count: needles.isEmpty ? 0 : 65536)
        if !needles.isEmpty {
            for bit in 0..<65536 where pairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { gate[bit] = 1 }
            for first in 0...255 where table[first] != 0 {
                for second in [Self.percent, Self.cr, Self.lf] { gate[first << 8 | Int(second)] = 1 }
            }
            for second in Array("0123456789abcdefABCDEF".utf8) { gate[Int(Self.percent) << 8 | Int(second)] = 1 }
        }
        self.gate = gate
    }

    var isEmpty: Bool { needles.isEmpty }

    /// What a scan found: the regions to replace (sorted, disjoint; overlapping finds merged)
    /// and, when asked to look for one, where a spelling starts that the text ends inside.
    struct Scan {
        var regions: [Region] = []
        var unfinished: Int?
    }

    /// Scans `bytes`. `stream`: the text may go on (a line whose next line has not come); a
    /// spelling cut off by the end is reported as `unfinished`, and the scan stops there.
    /// `firstOnly`: stop at the first region.
    func scan(_ bytes: [UInt8], stream: Bool = false, firstOnly: Bool = false) -> Scan {
        var result = Scan()
        if needles.isEmpty || bytes.isEmpty { return result }
        bytes.withUnsafeBufferPointer { hay in
            gate.withUnsafeBufferPointer { gate in
                let n = hay.count
                var i = 0
                while i < n {
                    // The hot loop: to the next position whose two bytes pass the gate.
                    if i + 1 < n {
                        var pair = Int(hay[i]) << 8 | Int(hay[i + 1])
                        while gate[pair] == 0 {
                            i += 1
                            if i + 1 >= n { break }
                            pair = (pair << 8 | Int(hay[i + 1])) & 0xFFFF
                        }
                        if i + 1 >= n && gate[pair] == 0 {
                            // Only the last byte is left, which may start a spelling.
                            i = n - 1
                        }
                    }
                    let (found, cutOff) = examine(hay, i, stream: stream)
                    if cutOff {
                        result.unfinished = i
                        return
                    }
                    if let found {
                        // Overlapping secrets: one region over all of them, named by the first.
                        var region = found
                        while let last = result.regions.last, region.start < last.end {
                            result.regions.removeLast()
                            region = Region(start: min(last.start, region.start), end: max(last.end, region.end),
                                            secret: last.start <= region.start ? last.secret : region.secret)
                        }
                        result.regions.append(region)
                        if firstOnly { return }
                    }
                    i += 1
                }
            }
        }
        return result
    }

    /// The spelling that starts at `hay[i]`, if one does (the first in priority order), or
    /// `cutOff` when streaming and one may, the text ending inside it.
    private func examine(_ hay: UnsafeBufferPointer<UInt8>, _ i: Int, stream: Bool) -> (Region?, cutOff: Bool) {
        let n = hay.count
        let c = hay[i]
        // The byte this position may start with: as written, or behind `%XX` (both only for a
        // `%` that a spelling itself starts with).
        var literal = -1, decoded = -1
        if startsSomething[Int(c)] != 0 { literal = Int(c) }
        if c == Self.percent {
            if i + 2 >= n {
                // `%` or `%X` ending the text: undecided.
                if stream { return (nil, true) }
            } else {
                let high = Self.hexValue(hay[i + 1]), low = Self.hexValue(hay[i + 2])
                if high >= 0 && low >= 0 && startsSomething[high << 4 | low] != 0 { decoded = high << 4 | low }
            }
        }
        for (first, length) in [(literal, 1), (decoded, 3)] where first >= 0 {
            // The second byte, when written as itself, must be one a spelling has there.
            if i + length < n {
                let second = hay[i + length]
                if second != Self.percent && second != Self.cr && second != Self.lf {
                    let bit = first << 8 | Int(second)
                    if pairs[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { continue }
                }
            }
            for slot in bucketOffsets[first]..<bucketOffsets[first + 1] {
                let index = bucketItems[slot]
                let end = flat.withUnsafeBufferPointer { flat in
                    Self.match(UnsafeBufferPointer(rebasing: flat[offsets[index]..<offsets[index + 1]]), 0, hay, i)
                }
                if end >= 0 {
                    let run = isBase64[index] ? Self.base64Run(hay, i, end) : (start: i, end: end)
                    return (Region(start: run.start, end: run.end, secret: owners[index]), false)
                }
                // A longer spelling still open outranks a shorter one that fits.
                if end == Self.cutOff && stream { return (nil, true) }
            }
        }
        return (nil, false)
    }

    /// `bytes[..<end]` with `regions` (all ending by `end`) replaced.
    func apply(_ regions: [Region], to bytes: [UInt8], upTo end: Int) -> [UInt8] {
        if regions.isEmpty { return end == bytes.count ? bytes : Array(bytes[..<end]) }
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var copied = 0
        for region in regions {
            out.append(contentsOf: bytes[copied..<region.start])
            out.append(contentsOf: replacements[region.secret])
            copied = region.end
        }
        out.append(contentsOf: bytes[copied..<end])
        return out
    }

    /// `start..<end` widened to the run of base64 characters around it (URL-safe ones too),
    /// with up to two `=` of padding after it; not across a line break.
    static func base64Run(_ hay: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (start: Int, end: Int) {
        var (s, e) = (start, end)
        while s > 0, isBase64Character(hay[s - 1]) { s -= 1 }
        while e < hay.count, isBase64Character(hay[e]) { e += 1 }
        var padding = 0
        while padding < 2, e < hay.count, hay[e] == UInt8(ascii: "=") {
            e += 1
            padding += 1
        }
        return (s, e)
    }

    @inline(__always)
    static func isBase64Character(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    // MARK: comparison

    static let percent = UInt8(ascii: "%"), plus = UInt8(ascii: "+"), space = UInt8(ascii: " ")
    static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    /// Results of a comparison besides an end offset.
    static let noMatch = -1, cutOff = -2

    /// Where `needle[j...]` spelled from `hay[k]` ends; `noMatch`; or `cutOff` when the text
    /// ends before the spelling does, every byte so far agreeing.
    static func match(_ needle: UnsafeBufferPointer<UInt8>, _ j0: Int, _ hay: UnsafeBufferPointer<UInt8>, _ k0: Int) -> Int {
        let n = hay.count
        var j = j0, k = k0
        while j < needle.count {
            if k >= n { return cutOff }
            let b = needle[j]
            var at = k
            var next = unit(b, hay, at)
            if next == noMatch && j > 0 {
                // One line break between two characters.
                if hay[at] == cr {
                    at += 1
                    if at >= n { return cutOff }
                }
                if hay[at] == lf {
                    at += 1
                    if at >= n { return cutOff }
                    next = unit(b, hay, at)
                }
            }
            if next < 0 { return next }
            // A `%` read as itself; if the rest fails, it may have been `%25`.
            if b == percent, at + 2 < n, hay[at + 1] == UInt8(ascii: "2"), hay[at + 2] == UInt8(ascii: "5") {
                let literal = match(needle, j + 1, hay, at + 1)
                if literal >= 0 { return literal }
                let encoded = match(needle, j + 1, hay, at + 3)
                if encoded >= 0 { return encoded }
                return literal == cutOff || encoded == cutOff ? cutOff : noMatch
            }
            k = next
            j += 1
        }
        return k
    }

    /// Where the spelling of byte `b` that starts at `hay[k]` ends: `b` itself, `%XX` in either
    /// case, `+` for a space. `cutOff` when the text ends inside a `%XX` that could still spell b.
    @inline(__always)
    static func unit(_ b: UInt8, _ hay: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
        let c = hay[k]
        if c == b { return k + 1 }
        if c == percent {
            if k + 1 >= hay.count { return cutOff }
            guard hexValue(hay[k + 1]) == Int(b >> 4) else { return noMatch }
            if k + 2 >= hay.count { return cutOff }
            guard hexValue(hay[k + 2]) == Int(b & 0x0F) else { return noMatch }
            return k + 3
        }
        if c == plus && b == space { return k + 1 }
        return noMatch
    }

    @inline(__always)
    static func hexValue(_ c: UInt8) -> Int {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c) - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(c) - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(c) - 55
        default: return -1
        }
    }
}
