import Foundation

/// Where the HTTP cache lives by default, and how gatekeeper names itself to registries:
/// shared by check, plan and rollout.
enum CachePaths {
    static func defaultDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return (xdg as NSString).appendingPathComponent("gatekeeper") }
        let home = env["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".cache/gatekeeper")
    }

    /// crates.io asks automated clients to name themselves and a contact.
    static func userAgent(contact: String?) -> String {
        let who = contact ?? ProcessInfo.processInfo.environment["GATEKEEPER_CONTACT"] ?? "no contact configured; set [http] contact"
        return "gatekeeper/\(VersionInfo.gatekeeper) (\(who))"
    }
}
