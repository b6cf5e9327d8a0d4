import CGit2
import Support

extension GitRepository {
    /// A full 40-hex commit id looked up as an object only, never through reference names: a tag
    /// or branch NAMED like an id is not found (`resolve` would follow it when the object is
    /// absent). Annotated tags are not peeled either: a tag object's id is not a commit id.
    public func commitID(exactly hex: String) throws -> GitObjectID {
        guard hex.utf8.count == 40, Self.isHex(hex) else {
            throw GitError(code: GIT_EINVALID.rawValue, message: "\(Self.shown(hex)) is not a full 40-digit commit id")
        }
        var oid = git_oid()
        try GitError.check(git_oid_fromstrn(&oid, hex, 40), context: "cannot parse commit id \(Self.shown(hex))")
        return try lookupCommitObject(oid, short: String(hex.lowercased().prefix(7)), length: 40)
    }

    /// An abbreviation of 7...40 hex digits resolved as an object prefix only, never a reference
    /// name, so a branch called `e8678aa` cannot stand in for the commit `e8678aa…`.
    public func commitID(prefix hex: String) throws -> GitObjectID {
        try lookupPrefix(hex, minimumDigits: 7)
    }

    /// `commitID(prefix:)` with a lower floor, so tests can make a real ambiguity cheaply.
    /// libgit2 answers GIT_EAMBIGUOUS for anything under GIT_OID_MINPREFIXLEN (4) digits, whatever
    /// the objects, so floors below 4 give no meaningful answer.
    package func lookupPrefix(_ hex: String, minimumDigits: Int) throws -> GitObjectID {
        let count = hex.utf8.count
        let floor = min(max(minimumDigits, 1), 40)
        guard (floor...40).contains(count), Self.isHex(hex) else {
            throw GitError(
                code: GIT_EINVALID.rawValue,
                message: "\(Self.shown(hex)) is not a commit id or abbreviation (\(floor) to 40 hex digits)")
        }
        var oid = git_oid()
        try GitError.check(git_oid_fromstrn(&oid, hex, count), context: "cannot parse commit id \(Self.shown(hex))")
        return try lookupCommitObject(oid, short: hex.lowercased(), length: count)
    }

    /// Looks up the object `oid` (its first `length` digits) of any type, then insists on a commit,
    /// so a blob, tree or tag id is reported as what it is rather than as "not found".
    private func lookupCommitObject(_ oid: git_oid, short: String, length: Int) throws -> GitObjectID {
        var oid = oid
        var object: OpaquePointer?
        let code = git_object_lookup_prefix(&object, pointer, &oid, length, GIT_OBJECT_ANY)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, context: "commit \(short) not found in \(path)")
        }
        if code == GIT_EAMBIGUOUS.rawValue {
            throw GitError.last(code: code, context: "commit id \(short) is ambiguous in \(path)")
        }
        try GitError.check(code, context: "cannot look up commit \(short) in \(path)")
        guard let object else { throw GitError(code: -1, message: "libgit2 returned no object for \(short)") }
        defer { git_object_free(object) }

        let type = git_object_type(object)
        let id = GitObjectID(git_object_id(object).pointee)
        guard type == GIT_OBJECT_COMMIT else {
            let name = git_object_type2string(type).map { String(cString: $0) } ?? "object of type \(type.rawValue)"
            throw GitError(code: GIT_EINVALID.rawValue, message: "\(id.short) is a \(name), not a commit (in \(path))")
        }
        return id
    }

    private static func isHex(_ text: String) -> Bool {
        text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0) }
    }

    /// `text` as it can appear in a one-line message: `PrintableText.quoted`, at most 80
    /// characters, so a hostile argument cannot flood a message, break the line or forge another.
    package static func shown(_ text: String) -> String {
        PrintableText.quoted(text, limit: 80)
    }
}
