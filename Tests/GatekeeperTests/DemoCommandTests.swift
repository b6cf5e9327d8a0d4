import Foundation
import Testing
import TestSupport
import Usage
import Support

@Suite struct DemoCommandTests {
    @Test func theDemoRunsTheWholeLoopAndLeavesABundleThatVerifies() throws {
        let dir = try TempDir()
        let out = dir.path("demo")
        let r = try CLI.run(["demo", "--out", out])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("gate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.2)"))
        #expect(r.stdout.contains("rolled out on deps/alchemy-llm-0.1.2"))
        #expect(r.stdout.contains("intact: "))
        let bundle = out + "/target/data/evidence/alchemy-llm-0.1.2"
        #expect(try CLI.run(["evidence", "verify", bundle]).status == 0)
        let pr = try String(contentsOfFile: bundle + "/PR.md", encoding: .utf8)
        #expect(pr.hasPrefix("# Bump alchemy-llm from 0.1.1 to 0.1.2"))
        #expect(!pr.contains("- [ ]"), "every acceptance criterion holds in the demo")
        // The package was compared with its commit and the fix found in it, and PR.md says so.
        #expect(pr.contains("- Package ⇄ source: **pass**: 6 files equal to commit "), "\(pr)")
        #expect(pr.contains("- Fix in the package: **pass**: 5 of 5 changes of the fix "))
        #expect(pr.contains("  - `src/providers/openai.rs`: 4 of 4 changes present\n"))
        let gate = try JSONReader.parse(try FileBytes.read(bundle + "/gate.json"))
        #expect(gate["provenance"]?["sources"]?["status"] == "pass")
        #expect(gate["provenance"]?["fix_in_package"]?["status"] == "pass")
        let page = try String(contentsOfFile: out + "/evidence.html", encoding: .utf8)
        #expect(page.contains("alchemy-llm"))
        #expect(page.contains("<strong>sources</strong>") && page.contains("<strong>fix-in-package</strong>"))
        #expect(r.stdout.contains("review page:       \(out)/evidence.html"))
    }

    @Test func aFolderThatIsNotEmptyIsRefused() throws {
        let dir = try TempDir()
        try dir.write("busy/file", "x")
        let r = try CLI.run(["demo", "--out", dir.path("busy")])
        #expect(r.status == 2)
        #expect(r.stderr == "gatekeeper: error: \(dir.path("busy")) is not empty; give a new or empty folder\n")
    }
}
