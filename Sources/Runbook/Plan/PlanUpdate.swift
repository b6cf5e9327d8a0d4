import Checks
import Foundation
import Support

/// `check --update-plan`: ticks the hard-gate boxes the report proves.
public enum PlanUpdate {
    /// Markers: `gate:ID` when the config has one gate; `gate:<gate-id>:ID` always.
    public static func proven(_ report: CheckReport) -> Set<String> {
        var set = Set<String>()
        for gate in report.gates {
            for id in gate.provenMarkers {
                set.insert("gate:\(gate.id):\(id)")
                if report.gates.count == 1 { set.insert("gate:\(id)") }
            }
        }
        return set
    }

    public static func tick(report: CheckReport, config: GatekeeperConfig, repo: String) throws -> String {
        let path = (repo as NSString).appendingPathComponent(config.rollout.plan)
        // Never written through a link, nor a link replaced by a file: the plan is the repository's.
        if let link = AtomicFile.symbolicLink(in: config.rollout.plan, under: repo) {
            let through = link.path == config.rollout.plan ? "" : "\(link.path) "
            throw AtomicFile.WriteError(path: path, reason: "\(through)is a symbolic link (to \(link.target)); gatekeeper neither replaces a link with a file nor writes through one")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AtomicFile.WriteError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file ([rollout] plan)")
        }
        let (updated, ticked) = PlanMarkers.tick(text, proven: proven(report))
        guard !ticked.isEmpty else { return "\(config.rollout.plan): nothing to tick" }
        try AtomicFile.write(updated, to: path)
        return "\(config.rollout.plan): ticked line\(ticked.count == 1 ? "" : "s") \(ticked.map(String.init).joined(separator: ", "))"
    }
}
