import Support
/// The path rules of a package entry. Nothing is extracted, but the paths decide which bytes
/// count as "the" Cargo.toml or changelog, so they must be unambiguous: every entry sits under
/// the one `<name>-<version>/` folder cargo creates, with no way out of it.
package enum EntryPath {
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

    /// A name as it can appear in a one-line message: invalid UTF-8 replaced, the rest shown by
    /// `PrintableText.line`, so a hostile name cannot break the line or forge another.
    package static func display(_ name: [UInt8]?) -> String {
        guard let name, !name.isEmpty else { return "\"\"" }
        return PrintableText.line(String(decoding: name, as: UTF8.self))
    }
}
