import Cargo
/// `path_in_vcs`: the crate's folder inside the repository, as cargo records it. Written by
/// whoever published the package, so it is a plain relative path or nothing.
enum PathInVCS {
    struct Refusal: Error {
        let reason: String
    }

    /// The folder ("" for the repository root), or a refusal saying why it cannot be one.
    static func folder(_ text: String?) throws -> String {
        guard let text, !text.isEmpty else { return "" }
        let shown = EntryPath.display(Array(text.utf8.prefix(120)))
        guard !text.hasPrefix("/"), !text.contains("\\") else { throw Refusal(reason: "path_in_vcs \"\(shown)\" is not a relative path") }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let trimmed = parts.last == "" ? parts.dropLast() : parts[...]
        for part in trimmed {
            if part == ".." { throw Refusal(reason: "path_in_vcs \"\(shown)\" steps out of the repository with \"..\"") }
            if part.isEmpty || part == "." { throw Refusal(reason: "path_in_vcs \"\(shown)\" is not a plain path") }
            if part.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw Refusal(reason: "path_in_vcs \"\(shown)\" has control characters")
            }
        }
        return trimmed.joined(separator: "/")
    }
}

extension PathInVCS {
    /// `relative` (a manifest's `readme`, a symbolic link's target) taken from `folder`, with
    /// "." and ".." resolved; nil when it leaves the repository or is absolute.
    static func resolve(_ relative: String, from folder: String) -> String? {
        guard !relative.hasPrefix("/") else { return nil }
        var parts = folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
