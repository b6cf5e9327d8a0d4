/// A SemVer 2.0 version with Cargo's ordering: pre-releases sort before their release,
/// numeric identifiers numerically and before alphanumeric ones; build metadata does not change
/// precedence (it only breaks ties, so the order is total).
public struct SemVer: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    public let preRelease: [String]
    public let build: [String]

    public init(major: UInt64, minor: UInt64, patch: UInt64, preRelease: [String] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = preRelease
        self.build = build
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "\"\(text)\" is not a SemVer version: \(reason)" }
    }

    public init(_ text: String) throws {
        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<plus]
            guard build.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isIdentifierChar) }) else { throw fail("bad build metadata") }
        }
        var pre: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            pre = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<dash]
            for id in pre {
                guard !id.isEmpty, id.allSatisfy(Self.isIdentifierChar) else { throw fail("bad pre-release identifier \"\(id)\"") }
                if id.allSatisfy(\.isNumber), id.count > 1, id.first == "0" { throw fail("pre-release number \(id) has a leading zero") }
            }
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { throw fail("expected MAJOR.MINOR.PATCH") }
        var numbers: [UInt64] = []
        for part in core {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw fail("\"\(part)\" is not a number") }
            guard part.count == 1 || part.first != "0" else { throw fail("\"\(part)\" has a leading zero") }
            guard let n = UInt64(part) else { throw fail("\"\(part)\" is too large") }
            numbers.append(n)
        }
        self.init(major: numbers[0], minor: numbers[1], patch: numbers[2], preRelease: pre, build: build)
    }

    private static func isIdentifierChar(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-")
    }

    public var isPreRelease: Bool { !preRelease.isEmpty }

    public var description: String {
        var s = "\(major).\(minor).\(patch)"
        if !preRelease.isEmpty { s += "-" + preRelease.joined(separator: ".") }
        if !build.isEmpty { s += "+" + build.joined(separator: ".") }
        return s
    }

    public static func < (a: SemVer, b: SemVer) -> Bool {
        let order = a.precedence(b)
        if order != 0 { return order < 0 }
        return a.build.joined(separator: ".") < b.build.joined(separator: ".")
    }

    /// -1, 0 or 1 by SemVer precedence (build metadata ignored).
    public func precedence(_ other: SemVer) -> Int {
        for (x, y) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where x != y {
            return x < y ? -1 : 1
        }
        switch (preRelease.isEmpty, other.preRelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (x, y) in zip(preRelease, other.preRelease) where x != y {
            switch (UInt64(x), UInt64(y)) {
            case let (nx?, ny?): return nx < ny ? -1 : 1
            case (_?, nil): return -1
            case (nil, _?): return 1
            case (nil, nil): return x < y ? -1 : 1
            }
        }
        return preRelease.count == other.preRelease.count ? 0 : (preRelease.count < other.preRelease.count ? -1 : 1)
    }
}

extension SemVer {
    /// Whether cargo's default (caret) requirement on `base` admits this version's release line:
    /// the same leftmost non-zero component (0.1.1 → 0.1.x, 1.2.3 → 1.x.y, 0.0.3 → 0.0.3 only).
    public func isCaretCompatible(with base: SemVer) -> Bool {
        if base.major > 0 { return major == base.major }
        if base.minor > 0 { return major == 0 && minor == base.minor }
        return major == 0 && minor == 0 && patch == base.patch
    }
}
