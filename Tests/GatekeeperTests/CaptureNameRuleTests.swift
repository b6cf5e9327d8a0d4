import Foundation
import Testing
import TestSupport
import Usage

/// One rule for a capture's name (`CaptureName`): the CLI, the config and the bundle refuse the
/// same names, so a name the bundle would refuse never gets past the command line (it used to
/// pass `--capture` and stop the rollout at the evidence step).
@Suite(.serialized) struct CaptureNameRuleTests {
    static let long = String(repeating: "n", count: CaptureName.maxBytes + 1)
    static let longest = String(repeating: "n", count: CaptureName.maxBytes)

    @Test func aRolloutRefusesALongCaptureNameBeforeItChangesAnything() throws {
        let world = try RolloutWorld()
        let before = try world.snapshot()
        let r = try world.rollout(["--version", "0.1.2", "--capture", "\(Self.long)=rust.json"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("invalid for '--capture <name=path>': capture name longer than 100 bytes"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try world.snapshot() == before)
    }

    @Test func theLongestNameTheRuleAllowsPassesTheCommandLine() throws {
        let world = try RolloutWorld()
        let r = try world.rollout(["--version", "0.1.2", "--dry-run", "--capture", "\(Self.longest)=rust.json"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("\(Self.longest) (given)"), "\(r.stdout)")
    }

    @Test func theConfigFollowsTheSameRule() throws {
        let world = try RolloutWorld()
        let config = world.target + "/gatekeeper.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "[rollout.captures]\n", with: "[rollout.captures]\n\(Self.long) = \"true\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let r = try world.rollout(["--version", "0.1.2", "--dry-run"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("gatekeeper.toml:") && r.stderr.contains("capture name longer than 100 bytes"), "\(r.stderr)")
    }
}
