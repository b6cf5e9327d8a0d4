import Foundation

/// Whether a Cargo version requirement accepts a version, by cargo's rules (`^` by default,
/// partial versions, `~`, `=`, comparisons, wildcards, and pre-releases only when a comparator
/// names the same MAJOR.MINOR.PATCH with a pre-release). Used to refuse a bump whose kept
/// operator would exclude the version it bumps to.
struct RequirementMatcher {
    struct Comparator {
        var op: String
        var major: UInt64
        var minor: UInt64?
        var patch: UInt64?
        var preRelease: [String]
    }

    struct ParseError: Error {}

    let comparators: [Comparator]

    init(_ text: String) throws {
        var list: [Comparator] = []
        for part in text.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item == "*" { continue }
            var op = ""
            var rest = Substring(item)
            for candidate in [">=", "<=", "=", "^", "~", ">", "<"] where rest.hasPrefix(candidate) {
                op = candidate
                rest = rest.dropFirst(candidate.count)
                break
            }
            let version = rest.trimmingCharacters(in: .whitespaces).split(separator: "+", maxSplits: 1).first.map(String.init) ?? ""
            let core = version.split(separator: "-", maxSplits: 1)
            let pre = core.count > 1 ? core[1].split(separator: ".").map(String.init) : []
            let numbers = (core.first ?? "").split(separator: ".", omittingEmptySubsequences: false)
            guard (1...3).contains(numbers.count) else { throw ParseError() }
            func number(_ k: Int) throws -> UInt64? {
                guard k < numbers.count else { return nil }
                let n = numbers[k]
                if n == "*" || n == "x" || n == "X" { return nil }
                guard let v = UInt64(n) else { throw ParseError() }
                return v
            }
            guard let major = try number(0) else { continue } // "*.…" accepts everything
            let minor = try number(1)
            let patch = minor == nil ? nil : try number(2)
            // A wildcard part means "any": "1.*" reads as "=1", like cargo.
            let isWildcard = numbers.dropFirst().contains { $0 == "*" || $0 == "x" || $0 == "X" }
            list.append(Comparator(op: isWildcard ? "=" : op, major: major, minor: minor, patch: patch, preRelease: pre))
        }
        comparators = list
    }

    func accepts(_ v: SemVer) -> Bool {
        guard comparators.allSatisfy({ matches($0, v) }) else { return false }
        guard v.isPreRelease else { return true }
        return comparators.contains { c in
            !c.preRelease.isEmpty && c.major == v.major && c.minor == v.minor && c.patch == v.patch
        }
    }

    private func matches(_ c: Comparator, _ v: SemVer) -> Bool {
        let low = SemVer(major: c.major, minor: c.minor ?? 0, patch: c.patch ?? 0, preRelease: c.preRelease)
        // The first version past the range a partial version names ("1" → 2.0.0, "1.2" → 1.3.0).
        let pastPartial: SemVer = c.minor == nil ? SemVer(major: c.major + 1, minor: 0, patch: 0)
            : SemVer(major: c.major, minor: c.minor! + 1, patch: 0)
        let isExact = c.patch != nil
        switch c.op {
        case "=":
            return isExact ? v.precedence(low) == 0 : (v.precedence(low) >= 0 && v.precedence(pastPartial) < 0)
        case ">":
            return isExact ? v.precedence(low) > 0 : v.precedence(pastPartial) >= 0
        case ">=":
            return v.precedence(low) >= 0
        case "<":
            return v.precedence(low) < 0
        case "<=":
            return isExact ? v.precedence(low) <= 0 : v.precedence(pastPartial) < 0
        case "~":
            let upper = c.minor == nil ? pastPartial : SemVer(major: c.major, minor: c.minor! + 1, patch: 0)
            return v.precedence(low) >= 0 && v.precedence(upper) < 0
        default: // "^" or bare
            let upper: SemVer
            if c.major > 0 || c.minor == nil {
                upper = SemVer(major: c.major + 1, minor: 0, patch: 0)
            } else if c.minor! > 0 || c.patch == nil {
                upper = SemVer(major: 0, minor: c.minor! + 1, patch: 0)
            } else {
                upper = SemVer(major: 0, minor: 0, patch: c.patch! + 1)
            }
            return v.precedence(low) >= 0 && v.precedence(upper) < 0
        }
    }
}
