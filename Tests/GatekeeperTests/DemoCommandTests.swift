import Foundation
import Testing
import TestSupport

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
        let page = try String(contentsOfFile: out + "/evidence.html", encoding: .utf8)
        #expect(page.contains("alchemy-llm"))
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
