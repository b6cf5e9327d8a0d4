import Checks
import Support
/// Names of files inside a bundle. A name is relative, '/'-separated, and can never reach
/// outside the bundle; it also fits on one SHA256SUMS line unescaped.
public enum BundlePath {
    /// Why `name` is not a safe bundle path, or nil when it is.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "empty path" }
        if name.utf8.count > 1024 { return "path longer than 1024 bytes" }
        if name.hasPrefix("/") { return "absolute path '\(name)'" }
        // Newlines would split a SHA256SUMS line; backslashes would need sha256sum's escaping.
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }) {
            return "path '\(PrintableText.line(name))' contains a control character or a backslash"
        }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { return "path '\(name)' has an empty component" }
            if component == "." || component == ".." { return "path '\(name)' escapes the bundle" }
        }
        return nil
    }

    /// `root/name`, for a name already checked with `problem`.
    static func join(_ root: String, _ name: String) -> String {
        root.hasSuffix("/") ? root + name : root + "/" + name
    }


    /// Control characters shown escaped, so a message stays on one line.

    /// Byte order, as `LC_ALL=C sort` and sha256sum users expect.
    public static func sorted(_ names: [String]) -> [String] {
        names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
