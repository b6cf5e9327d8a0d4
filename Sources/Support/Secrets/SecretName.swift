/// Which names stand for secrets: an environment variable whose value the evidence redacts,
/// a config key gatekeeper refuses (tokens come from the environment only).
public enum SecretName {
    public static let markers = ["TOKEN", "KEY", "SECRET", "PASSWORD"]

    public static func matches(_ name: String) -> Bool {
        let upper = name.uppercased()
        return markers.contains { upper.contains($0) }
    }
}
