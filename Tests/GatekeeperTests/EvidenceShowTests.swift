import Foundation
import Testing
import TestSupport
import Usage
import Support

/// `gatekeeper evidence show` against the demo's real bundle, as a reviewer runs it.
@Suite struct EvidenceShowTests {
    /// A fresh demo run; returns its folder (kept alive by `dir`) and the bundle path.
    static func demoBundle(_ dir: TempDir) throws -> String {
        let r = try CLI.run(["demo", "--out", dir.path("demo")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        return dir.path("demo") + "/target/data/evidence/alchemy-llm-0.1.2"
    }

    static func replace(in file: String, _ old: String, with new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old), "\(file) has no \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test func theTextReviewShowsTheGateQAAndAcceptanceCriteria() throws {
        let dir = try TempDir()
        let bundle = try Self.demoBundle(dir)
        let r = try CLI.run(["evidence", "show", bundle])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let out = r.stdout
        #expect(out.hasPrefix("evidence alchemy-llm 0.1.1 → 0.1.2 on deps/alchemy-llm-0.1.2"))
        #expect(out.contains("integrity: intact, 17 files match SHA256SUMS and statement.intoto.json"))
        #expect(out.contains("gate: open"))
        for line in r.lines where line.contains("provider-raw  ") || line.contains("total-tokens  ")
            || line.contains("cache-fields  ") || line.contains("overflow-input-only  ") {
            #expect(line.contains("  pass  "), "\(line)")
        }
        #expect(r.lines.contains { $0.hasPrefix("  provider-raw ") && $0.contains("changelog (upstream default branch)") && $0.contains("CHANGELOG.md:11") })
        #expect(r.lines.contains { $0.hasPrefix("  total-tokens ") && $0.contains("commits 0.1.1..0.1.2") })
        #expect(r.lines.contains { $0.hasPrefix("  cache-fields ") && $0.contains("commits 0.1.1..0.1.2") })
        #expect(r.lines.contains { $0.hasPrefix("  overflow-input-only ") && $0.contains("commits 0.1.1..0.1.2") })
        #expect(r.lines.contains { $0.hasPrefix("  Cargo.toml ") && $0.hasSuffix("manifest  +1 -1") })
        #expect(r.lines.contains { $0.hasPrefix("  Cargo.lock ") && $0.hasSuffix("lockfile  +2 -2") })
        #expect(r.lines.contains { $0.hasPrefix("  contracts ") && $0.hasSuffix("pass, 68 passed, 0 failed") })
        #expect(r.lines.contains { $0.hasPrefix("  parity ") && $0.hasSuffix("aligned") })
        #expect(out.contains("only in rust: api, provider; only in python: none; 6 shared"))
        #expect(r.lines.contains { $0.hasPrefix("  sh scripts/qa.sh  pass  exit 0  ") && $0.hasSuffix("qa/01-sh-scripts-qa-sh.log") })
        #expect(out.contains("  [x] Rust and Python usage semantics are aligned (provider-raw).\n      evidence: usage_parity_summary.json, usage_parity_diff.json\n"))
        #expect(r.lines.filter { $0.hasPrefix("  [x] ") }.count == 7)
    }

    @Test func jsonIsOneDocumentWithTheVerdict() throws {
        let dir = try TempDir()
        let bundle = try Self.demoBundle(dir)
        let r = try CLI.run(["evidence", "show", bundle, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONReader.parse(r.stdout)
        #expect(doc["gate"]?["verdict"] == .string("open"))
        #expect(doc["gate"]?["criteria"]?.arrayValue?.count == 4)
        #expect(doc["integrity"]?["intact"] == .bool(true))
        #expect(doc["suites"]?["parity"]?["status"] == .string("aligned"))
        #expect(doc["qa"]?["commands"]?.arrayValue?.first?["command"] == .string("sh scripts/qa.sh"))
        #expect(doc["acceptance"]?.arrayValue?.count == 7)
    }

    @Test func aTamperedBundleIsFlaggedAndExitsOne() throws {
        let dir = try TempDir()
        let bundle = try Self.demoBundle(dir)
        try Self.replace(in: bundle + "/qa.json", "\"exit_code\": 0", with: "\"exit_code\": 1")
        let r = try CLI.run(["evidence", "show", bundle])
        #expect(r.status == 1)
        #expect(r.lines[1] == "integrity: ALTERED — do not trust this review (1 altered, 0 missing, 0 unexpected, 0 signature problems)")
        #expect(r.lines[2].hasPrefix("  altered: qa.json (sha256 "))
        #expect(!r.stdout.contains("integrity: intact"))

        let json = try CLI.run(["evidence", "show", bundle, "--format", "json"])
        #expect(json.status == 1)
        #expect(try JSONReader.parse(json.stdout)["integrity"]?["altered"] == .array([.string("qa.json")]))
    }

    @Test func aMissingOrMalformedFileIsAnErrorNamingIt() throws {
        let dir = try TempDir()
        let bundle = try Self.demoBundle(dir)
        try Self.replace(in: bundle + "/qa.json", "\"commands\": [", with: "\"commands\": [[")
        let malformed = try CLI.run(["evidence", "show", bundle])
        #expect(malformed.status == 2)
        #expect(malformed.stdout.isEmpty)
        #expect(malformed.stderr.hasPrefix("gatekeeper: error: \(bundle)/qa.json:"))
        #expect(malformed.stderr.split(separator: "\n").count == 1)

        try FileManager.default.removeItem(atPath: bundle + "/gate.json")
        try Self.replace(in: bundle + "/qa.json", "\"commands\": [[", with: "\"commands\": [")
        let missing = try CLI.run(["evidence", "show", bundle, "--html", dir.path("page.html")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "gatekeeper: error: \(bundle)/gate.json: missing from the bundle\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path("page.html")), "nothing half-written")
    }

    /// Repository text is escaped: a QA command and an acceptance title carrying markup stay
    /// text, and an evidence name shaped like a URL scheme stays a relative link.
    @Test func thePageEscapesWhatTheBundleSays() throws {
        let dir = try TempDir()
        let bundle = try Self.demoBundle(dir)
        try Self.replace(in: bundle + "/qa.json", "\"command\": \"sh scripts/qa.sh\"", with: "\"command\": \"<script>alert(1)</script>\"")
        try Self.replace(in: bundle + "/statement.intoto.json", "Test suite + lint + pre-commit pass.", with: "<img src=x onerror=alert(2)> \\\"q\\\"")
        try Self.replace(in: bundle + "/statement.intoto.json", "\"qa.json\"\n", with: "\"javascript:alert(3)\"\n")
        let r = try CLI.run(["evidence", "show", bundle, "--html", dir.path("page.html")])
        #expect(r.status == 1, "the edits are tampering: \(r.stderr)")
        let page = try dir.read("page.html")
        #expect(page.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt; &quot;q&quot;"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(page.contains("href=\"demo/target/data/evidence/alchemy-llm-0.1.2/javascript%3Aalert%283%29\""))
        #expect(!page.contains("href=\"javascript"))
        #expect(page.contains("Integrity: ALTERED."))
    }

    @Test func thePageIsSelfContained() throws {
        let dir = try TempDir()
        let bundle = try Self.demoBundle(dir)
        let r = try CLI.run(["evidence", "show", bundle, "--html", bundle + "/review.html"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\npage: \(bundle)/review.html\n"))
        let page = try String(contentsOfFile: bundle + "/review.html", encoding: .utf8)
        #expect(page.contains("<style>"))
        // Text may mention URLs (a lockfile's `source`); nothing may load or link to one.
        for remote in ["src=", "href=\"http", "<link", "<script", "@import", "url("] {
            #expect(!page.contains(remote), "\(remote)")
        }
        #expect(page.contains("<a class=\"evidence\" href=\"./gate.json\">gate.json</a>"), "a page inside the bundle links beside itself")
    }

    /// Headless Chromium loads the page written outside the bundle; the DOM it built has every
    /// part of the review, and the acceptance links lead to the bundle's files.
    @Test func chromiumRendersThePage() throws {
        guard (try? TestProcess.run("sh", ["-c", "command -v chromium"]).status) == 0 else {
            print("chromium is not installed (make test installs it); skipped")
            return
        }
        let dir = try TempDir()
        let bundle = try Self.demoBundle(dir)
        let pagePath = dir.path("review/page.html")
        let r = try CLI.run(["evidence", "show", bundle, "--html", pagePath])
        #expect(r.status == 0, "\(r.stderr)")

        let browser = ["--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir.path("profile"))"]
        let dom = try TestProcess.run("chromium", browser + ["--dump-dom", "file://\(pagePath)"])
        #expect(dom.status == 0)
        let html = dom.output
        #expect(html.contains("<p id=\"integrity\" class=\"banner good\">Integrity: intact."))
        #expect(html.components(separatedBy: "<tr class=\"criterion\">").count - 1 == 7, "four criteria, provenance, the package against its source, the fix in the package")
        #expect(html.contains("<td><strong>sources</strong>"))
        #expect(html.contains("<td><strong>fix-in-package</strong>"))
        #expect(html.contains("<td><strong>overflow-input-only</strong>"))
        #expect(html.contains("<span class=\"diff-add\">+alchemy-llm = \"0.1.2\"\n</span>"))
        #expect(html.contains("<span class=\"diff-del\">-alchemy-llm = \"0.1.1\"\n</span>"))
        #expect(html.contains("<thead><tr><th>only_in_rust</th><th>only_in_python</th><th>shared</th></tr></thead>"))
        #expect(html.contains("<code class=\"key\">provider</code>"))
        #expect(html.contains("<td><code>sh scripts/qa.sh</code></td>"))
        let links = html.components(separatedBy: "<a class=\"evidence\" href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(links.count == 14)
        for link in links {
            #expect(link.hasPrefix("../demo/target/data/evidence/alchemy-llm-0.1.2/"))
            #expect(FileManager.default.fileExists(atPath: dir.path("review/" + link)), "\(link)")
        }

        let shot = dir.path("page.png")
        let s = try TestProcess.run("chromium", browser + ["--screenshot=\(shot)", "--window-size=1200,1600", "file://\(pagePath)"])
        #expect(s.status == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
