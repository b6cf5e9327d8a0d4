import Support

/// What a capture may be called: the one rule for `[rollout.captures]`, `--capture NAME=PATH`,
/// `gatekeeper parity NAME=PATH` and the evidence bundle. Names become file names in the bundle
/// and JSON keys (`<name>_usage`), so letters, digits, '-' and '_' only (no `..`, no '/', no
/// hidden or clashing names), at most 100 bytes.
public enum CaptureName {
    public static let maxBytes = 100

    /// Why `name` cannot be a capture's name; nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "empty capture name" }
        if name.utf8.count > maxBytes { return "capture name longer than \(maxBytes) bytes" }
        let ok = name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
        }
        return ok ? nil : "capture name '\(PrintableText.line(name))' may hold only letters, digits, '-' and '_'"
    }
}
