/// The path rules of a package entry. Nothing is extracted, but the paths decide which bytes
/// count as "the" Cargo.toml or changelog, so they must be unambiguous: every entry sits under
/// the one `<name>-<version>/` folder cargo creates, with no way out of it.
enum EntryPath {
    enum Placement: Equatable {
        /// The package folder itself.
        case root
        /// A path under the package folder, "/"-separated, without "." or empty components.
        case inside(String)
    }

    /// Why a name was refused, as the end of a sentence that starts with the entry's name.
    struct Refusal: Error {
        let reason: String
    }

    static func place(_ name: [UInt8], root: String) throws -> Placement {
        guard !name.isEmpty else { throw Refusal(reason: "has an empty name") }
        guard let text = String(validating: name, as: UTF8.self) else {
            throw Refusal(reason: "has a name that is not UTF-8")
        }
        guard !text.hasPrefix("/") else { throw Refusal(reason: "is an absolute path") }
        // "." and empty components name nothing new ("a/./b" is "a/b"), as in Rust's Path.
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if parts.contains("..") {
            throw Refusal(reason: leavesRoot(parts, root: root) ? "escapes the package root" : "has a \"..\" component; packages use plain paths")
        }
        guard let first = parts.first, first == root else {
            throw Refusal(reason: "is outside the package root \(root)/")
        }
        return parts.count == 1 ? .root : .inside(parts.dropFirst().joined(separator: "/"))
    }

    /// True when resolving ".." takes the path above the package folder at any point.
    private static func leavesRoot(_ parts: [Substring], root: String) -> Bool {
        guard parts.first == Substring(root) else { return true }
        var depth = 0
        for part in parts.dropFirst() {
            depth += part == ".." ? -1 : 1
            if depth < 0 { return true }
        }
        return false
    }

    /// A name as it can appear in a one-line message: invalid UTF-8 replaced, control
    /// characters escaped, so a hostile name cannot break the line or forge another.
    static func display(_ name: [UInt8]?) -> String {
        guard let name, !name.isEmpty else { return "\"\"" }
        var out = ""
        for scalar in String(decoding: name, as: UTF8.self).unicodeScalars {
            if unprintable(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Characters a one-line message must not carry as they are: controls (C0, DEL, C1), line
    /// and paragraph separators, and the bidirectional overrides that make text read backwards.
    static func unprintable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || v == 0x2028 || v == 0x2029
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
