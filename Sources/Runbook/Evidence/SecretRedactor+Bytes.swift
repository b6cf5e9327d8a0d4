import Foundation
import Usage

/// Redaction of whole files. Works on bytes, so a large capture is never decoded into a String,
/// and also looks for the spellings a secret takes once escaped in JSON or XML: a log or JUnit
/// file holding `p&amp;ss` still leaks `p&ss`.
extension SecretRedactor {
    /// (bytes to find, bytes to put instead), longest secret first as in `redact(_:)`.
    var bytePatterns: [(find: [UInt8], replace: [UInt8])] {
        var patterns: [(find: [UInt8], replace: [UInt8])] = []
        for secret in secrets {
            let replacement = Array("[redacted:\(secret.name)]".utf8)
            var seen = Set<[UInt8]>()
            for form in Self.spellings(of: secret.value) where seen.insert(form).inserted {
                patterns.append((form, replacement))
            }
        }
        return patterns
    }

    /// The value as written raw, as a JSON string body and as XML text.
    static func spellings(of value: String) -> [[UInt8]] {
        let json = JSONWriter.string(.string(value), pretty: false).dropFirst().dropLast()
        var xml = ""
        for c in value.unicodeScalars {
            switch c {
            case "&": xml += "&amp;"
            case "<": xml += "&lt;"
            case ">": xml += "&gt;"
            case "\"": xml += "&quot;"
            case "'": xml += "&apos;"
            default: xml.unicodeScalars.append(c)
            }
        }
        return [Array(value.utf8), Array(json.utf8), Array(xml.utf8)]
    }

    /// The bytes with every secret spelling replaced by `[redacted:NAME]`.
    public func redact(bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for pattern in bytePatterns {
            result = Self.replacing(pattern.find, with: pattern.replace, in: result)
        }
        return result
    }

    /// True when any spelling of any secret occurs in the bytes.
    public func leaks(in bytes: [UInt8]) -> Bool {
        bytePatterns.contains { Self.firstOccurrence(of: $0.find, in: bytes, from: 0) != nil }
    }

    /// Every string, key and number of a JSON document redacted. A number that spells a secret
    /// becomes the redaction string: leaving it would leak, rewriting its digits would lie.
    public func redact(_ value: JSONValue) -> JSONValue {
        if isEmpty { return value }
        switch value {
        case .null, .bool: return value
        case .number(let n):
            let text = redact(n.text)
            return text == n.text ? value : .string(text)
        case .string(let s): return .string(redact(s))
        case .array(let elements): return .array(elements.map(redact))
        case .object(let object):
            return .object(JSONObject(object.members.map { .init(key: redact($0.key), value: redact($0.value)) }))
        }
    }

    // MARK: byte search

    static func replacing(_ find: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard var hit = firstOccurrence(of: find, in: bytes, from: 0) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        while true {
            out.append(contentsOf: bytes[copied..<hit])
            out.append(contentsOf: replacement)
            copied = hit + find.count
            guard let next = firstOccurrence(of: find, in: bytes, from: copied) else { break }
            hit = next
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// memchr for the first byte, memcmp for the rest: fast enough for captures of many MB.
    static func firstOccurrence(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pin -> Int? in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                let last = hay.count - needle.count
                var i = start
                while i <= last {
                    guard let found = memchr(base + i, Int32(needle[0]), last - i + 1) else { return nil }
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + at, pinBase, needle.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }
}
