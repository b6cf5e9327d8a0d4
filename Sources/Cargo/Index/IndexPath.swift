/// Where a crate's file lives in a sparse index (cargo's layout): `1/a`, `2/ab`, `3/a/abc`,
/// `ab/cd/abcd…`, all lower-cased.
public enum IndexPath {
    public struct InvalidName: Error, Sendable, Equatable, CustomStringConvertible {
        public let name: String
        public var description: String { "\"\(name)\" is not a valid crate name (letters, digits, - and _, starting with a letter, at most 64)" }
    }

    public static func validate(_ name: String) throws {
        guard !name.isEmpty, name.count <= 64, let first = name.first, first.isASCII, first.isLetter,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw InvalidName(name: name)
        }
    }

    public static func of(_ name: String) throws -> String {
        try validate(name)
        let lower = name.lowercased()
        let chars = Array(lower)
        switch chars.count {
        case 1: return "1/\(lower)"
        case 2: return "2/\(lower)"
        case 3: return "3/\(chars[0])/\(lower)"
        default: return "\(String(chars[0..<2]))/\(String(chars[2..<4]))/\(lower)"
        }
    }
}
