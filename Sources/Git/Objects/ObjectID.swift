import CGit2

/// A SHA-1 object id, kept as 40 lower-case hex digits so it is Sendable and printable.
public struct GitObjectID: Sendable, Hashable, CustomStringConvertible {
    public let hex: String

    /// The abbreviation people quote (`4409a50`).
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    /// A full 40-digit hex id (any case); nil for anything else. Abbreviations need `GitRepository.resolve`.
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 40, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.hex = lower
    }

    public init(_ oid: git_oid) {
        var copy = oid
        // 41 bytes: 40 digits and the NUL git_oid_tostr always writes.
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, buffer.count, &copy)
        hex = String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The libgit2 form. `hex` is validated on construction, so parsing cannot fail here.
    public var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstrn(&oid, hex, hex.utf8.count)
        return oid
    }
}
