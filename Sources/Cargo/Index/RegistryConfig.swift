import Foundation
import Support

/// A registry's `config.json`: where packages download from.
public struct RegistryConfig: Sendable, Equatable {
    /// The `dl` template.
    public let download: String
    public let api: String?

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let url: String
        public let message: String
        public var description: String { "\(url): \(message)" }
    }

    public init(download: String, api: String? = nil) {
        self.download = download
        self.api = api
    }

    public init(json bytes: [UInt8], url: String) throws {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw Invalid(url: url, message: "not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw Invalid(url: url, message: "expected a JSON object, got \(value.typeDescription)") }
        guard let dl = object["dl"] else { throw Invalid(url: url, message: "no \"dl\" key: the registry does not say where packages download from") }
        guard case .string(let template) = dl, !template.isEmpty else { throw Invalid(url: url, message: "\"dl\" must be a non-empty string") }
        if let problem = Self.schemeProblem(download: template, configURL: url) { throw Invalid(url: url, message: problem) }
        self.init(download: template, api: object["api"]?.stringValue)
    }

    /// Why `dl` may not be used by an index whose `config.json` is at `configURL`, or nil.
    /// Downloads go over the index's own scheme, or from an http index to https; never from a
    /// remote index to a local file (`file://`), from https down to http, or to any other
    /// scheme libcurl would speak. A `configURL` without a scheme (a path, in tests) is not judged.
    static func schemeProblem(download: String, configURL: String) -> String? {
        guard let index = scheme(of: configURL) else { return nil }
        let shown = PrintableText.line(download)
        guard let target = scheme(of: download) else {
            return "\"dl\" = \"\(shown)\" is not a URL; packages download over \(index)://\(index == "http" ? " or https://" : "") like the index"
        }
        if target == index || (index == "http" && target == "https") { return nil }
        let allowed = index == "http" ? "http:// or https://" : "\(index)://"
        let article = index.hasPrefix("h") ? "an" : "a"
        return "\"dl\" = \"\(shown)\" sends downloads over \(target):// from \(article) \(index):// index; refused: packages download over \(allowed) like the index"
    }

    /// The lower-cased scheme of `url` ("https" for "HTTPS://x"), or nil when it does not start
    /// with `scheme://` (RFC 3986: a letter, then letters, digits, '+', '-' or '.').
    static func scheme(of url: String) -> String? {
        guard let end = url.range(of: "://") else { return nil }
        let name = Array(url[..<end.lowerBound].utf8)
        let letter = { (b: UInt8) in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        guard let first = name.first, letter(first),
              name.allSatisfy({ letter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }) else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    static let markers = ["{crate}", "{version}", "{prefix}", "{lowerprefix}", "{sha256-checksum}"]

    /// The download URL of a package, with every marker cargo knows; a template without markers
    /// gets `/{crate}/{version}/download` appended, as cargo does.
    public func downloadURL(crate: String, version: String, checksum: String) throws -> String {
        guard Self.markers.contains(where: download.contains) else {
            let base = download.hasSuffix("/") ? String(download.dropLast()) : download
            return "\(base)/\(crate)/\(version)/download"
        }
        let indexPath = try IndexPath.of(crate)
        let prefix = String(indexPath.split(separator: "/").dropLast().joined(separator: "/"))
        // {prefix} keeps the crate name's case; the index path is lower-cased.
        let casedPrefix = Self.casePreservingPrefix(crate)
        return download
            .replacingOccurrences(of: "{crate}", with: crate)
            .replacingOccurrences(of: "{version}", with: version)
            .replacingOccurrences(of: "{lowerprefix}", with: prefix)
            .replacingOccurrences(of: "{prefix}", with: casedPrefix)
            .replacingOccurrences(of: "{sha256-checksum}", with: checksum)
    }

    private static func casePreservingPrefix(_ crate: String) -> String {
        let c = Array(crate)
        switch c.count {
        case 1: return "1"
        case 2: return "2"
        case 3: return "3/\(c[0])"
        default: return "\(String(c[0..<2]))/\(String(c[2..<4]))"
        }
    }
}
