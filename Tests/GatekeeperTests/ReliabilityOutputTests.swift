import Checks
import DemoWorld
import Foundation
import Testing
import TestSupport
import Usage
import Support

/// Issue 13, item 5: what upstream text prints cannot disguise itself. End to end through the
/// built CLI: a changelog, a config value, a registry index line and a gate id carrying escape
/// sequences, bare CRs, Markdown headings and `<!--` reach the console, stderr, the step summary
/// and GITHUB_OUTPUT as visible text, and a closed gate never reads as open.
///
/// The suite is nested so that both `--filter ReliabilityOutputTests` and the reliability
/// script's `--filter ReliabilityTests` select it.
@Suite struct ReliabilityOutputTests {
    @Suite struct HostileTextReliabilityTests {
        static let faultClass = "output: hostile text from upstream"

        /// What a terminal shows for `text`: LF and CR move the cursor, `ESC[nA` / `ESC[nB` /
        /// `ESC[nC` / `ESC[nD` / `ESC[r;cH` move it, `ESC[2K` / `ESC[K` erase, `ESC[8m` conceals
        /// what follows until `ESC[0m` / `ESC[28m`; printable characters overwrite.
        static func screen(_ text: String) -> [String] {
            var rows: [[Character]] = [[]]
            var r = 0, c = 0, concealed = false
            func put(_ ch: Character) {
                while rows.count <= r { rows.append([]) }
                while rows[r].count < c { rows[r].append(" ") }
                if rows[r].count == c { rows[r].append(ch) } else { rows[r][c] = ch }
                c += 1
            }
            let scalars = Array(text.unicodeScalars)
            var k = 0
            while k < scalars.count {
                let s = scalars[k]
                k += 1
                switch s {
                case "\n": r += 1; c = 0
                case "\r": c = 0
                case "\u{8}": c = max(0, c - 1)
                case "\u{1B}":
                    guard k < scalars.count else { break }
                    if scalars[k] != "[" { k += 1; break }
                    k += 1
                    var params = ""
                    while k < scalars.count, !(0x40...0x7E).contains(scalars[k].value) { params.unicodeScalars.append(scalars[k]); k += 1 }
                    guard k < scalars.count else { break }
                    let final = scalars[k]
                    k += 1
                    let numbers = params.split(separator: ";").map { Int($0) ?? 0 }
                    let n = max(1, numbers.first ?? 1)
                    switch final {
                    case "A": r = max(0, r - n)
                    case "B": r += n
                    case "C": c += n
                    case "D": c = max(0, c - n)
                    case "H": r = max(0, (numbers.first ?? 1) - 1); c = max(0, (numbers.count > 1 ? numbers[1] : 1) - 1)
                    case "K":
                        while rows.count <= r { rows.append([]) }
                        if numbers.first == 2 { rows[r] = Array(repeating: " ", count: rows[r].count) }
                        else if c < rows[r].count { rows[r].removeSubrange(c...) }
                    case "m":
                        for p in numbers.isEmpty ? [0] : numbers {
                            if p == 8 { concealed = true } else if p == 0 || p == 28 { concealed = false }
                        }
                    default: break
                    }
                default:
                    if s.value < 0x20 || (0x7F...0x9F).contains(s.value) { continue }
                    put(concealed ? " " : Character(s))
                }
            }
            return rows.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        }

        /// The lines of a Markdown document as CommonMark reads them: LF, CR and CRLF end a line.
        static func markdownLines(_ md: String) -> [String] {
            md.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\r", omittingEmptySubsequences: false)
                .joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }

        /// The fake verdict an attacker wants the reader to see.
        static let forged = "gate alchemy-llm: OPEN (pinned 0.1.1, candidate 0.1.2)"
        /// Erase the line, go back to its start, climb every line of the report, write the forged
        /// verdict, conceal the rest.
        static let cursorAttack = "\u{1B}[2K\r" + String(repeating: "\u{1B}[1A", count: 60) + "\u{1B}[2K" + forged + "\u{1B}[8m"

        /// A release whose changelog only mentions `total_tokens` in a negated claim (a near
        /// miss, so the gate is closed), that claim carrying `attack`; `criteria` is added to
        /// the gate's config.
        static func closedWorld(nearMiss attack: String, criteria: String = "") throws -> HistoryWorld {
            let text = CheckHistoryTests.changelog(total: "- Does NOT yet use provider `total_tokens`" + attack)
            let world = try CheckHistoryTests.craftedRelease(text)
            if !criteria.isEmpty {
                let config = world.target + "/gatekeeper.toml"
                let original = try String(contentsOfFile: config, encoding: .utf8)
                let edited = original.replacingOccurrences(of: "preset     = \"usage-semantics\"\n", with: "preset     = \"usage-semantics\"\n" + criteria)
                #expect(edited != original)
                try edited.write(toFile: config, atomically: true, encoding: .utf8)
            }
            return world
        }

        /// A criterion that never matches (so the gate stays closed) and whose title, a config
        /// value, carries `title` as TOML escapes.
        static func criterion(title: String) -> String {
            "\n[[gate.criteria]]\nid = \"upstream-note\"\ntitle = \"\(title)\"\npatterns = [\"zzqx never matches\"]\n"
        }

        @Test(arguments: [
            ("changelog near miss with ESC[2K, CR, cursor-up and a forged verdict", cursorAttack, ""),
            ("criterion title from the config with ESC[2K, CR, cursor-up and a forged verdict", "",
             criterion(title: #"note\u001b[2K\r"# + String(repeating: #"\u001b[1A"#, count: 60) + #"\u001b[2K"# + forged + #"\u001b[8m"#)),
        ])
        func aClosedGateNeverRendersAsOpenInATerminal(name: String, changelog: String, criteria: String) throws {
            let world = try Self.closedWorld(nearMiss: changelog, criteria: criteria)
            let r = try world.check()
            #expect(r.status == 1, "\(name): \(r.stdout)\(r.stderr)")
            let escapes = r.stdout.unicodeScalars.filter { PrintableText.isUnprintable($0) && $0 != "\n" }
            #expect(escapes.isEmpty, "\(name): control characters reached the console: \(escapes.map { String($0.value, radix: 16) })")
            let rows = Self.screen(r.stdout)
            #expect(rows.first?.hasPrefix("gate alchemy-llm: CLOSED") == true, "\(name): the terminal shows \(rows.first ?? "")")
            let forgedRows = rows.filter { $0.hasPrefix("gate alchemy-llm: OPEN") }
            #expect(forgedRows.isEmpty, "\(name): \(forgedRows)")
            // The text is there, visible, on the line gatekeeper gave it.
            #expect(r.lines.contains { $0.contains(#"\u{1b}[2K"#) && $0.contains(#"\u{1b}[1A"#) && !$0.hasPrefix("gate ") }, "\(name): \(r.stdout)")
            let opened = rows.contains { $0.hasPrefix("gate alchemy-llm: OPEN") } || r.status == 0
            ReliabilityLog.record(Self.faultClass, "console: \(name)", opened ? "shown as OPEN" : "closed, escapes shown visibly",
                                  dataLost: false, gateWronglyOpened: opened)
        }

        /// The injection of the issue: a bare CR ends the table row, the heading claims the gate
        /// is open, and `<!--` opens a comment that hides every row after it.
        static let summaryInjection = "\r\r## ✅ gatekeeper: alchemy-llm is OPEN\r\r<!-- | x |"

        @Test func theStepSummaryOfAClosedGateGainsNoHeadingNoCommentAndKeepsItsRows() throws {
            // Upstream text in a passing criterion's evidence (the fix commit's subject proves
            // total-tokens), config text in a failing criterion's title (it keeps the gate closed).
            let world = try HistoryWorld()
            let h = world.history
            try h.initialRelease()
            let fix = try h.fix("fix(openai): prefer provider total_tokens when present" + Self.summaryInjection + "\n")
            try h.release("0.1.2", changes: ["CHANGELOG.md": CheckHistoryTests.changelog(total: "")])
            try world.finish(fix: fix)
            let config = world.target + "/gatekeeper.toml"
            let original = try String(contentsOfFile: config, encoding: .utf8)
            let toml = #"note\r\r## ✅ gatekeeper: alchemy-llm is OPEN\r\r<!--"#
            try original.replacingOccurrences(of: "preset     = \"usage-semantics\"\n", with: "preset     = \"usage-semantics\"\n" + Self.criterion(title: toml))
                .write(toFile: config, atomically: true, encoding: .utf8)
            let summary = world.dir.path("gh-summary"), output = world.dir.path("gh-output")
            let r = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.cache],
                                environment: ["GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": output])
            #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
            let md = try String(contentsOfFile: summary, encoding: .utf8)
            let lines = Self.markdownLines(md)
            let headings = lines.filter { $0.drop { $0 == " " }.hasPrefix("#") }
            #expect(headings == ["### gatekeeper: alchemy-llm is closed (pinned 0.1.1, candidate 0.1.2)"], "\(headings)")
            #expect(!md.contains("<!--"), "an HTML comment would hide the rows after it")
            #expect(!md.contains("<"), "no raw HTML at all")
            #expect(!md.unicodeScalars.contains { PrintableText.isUnprintable($0) && $0 != "\n" }, "no CR, no control character")
            // Every row of the table has its four cells, and the provenance rows are there.
            for row in lines where row.hasPrefix("|") {
                let bars = row.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
                #expect(bars == 5, "\(row)")
            }
            #expect(lines.contains { $0.hasPrefix("| provenance | ") })
            #expect(lines.contains { $0.hasPrefix("| package ⇄ source | ") })
            #expect(lines.contains { $0.hasPrefix("| fix in package | ") })
            #expect(lines.contains { $0.hasPrefix("| note ## ✅ gatekeeper: alchemy-llm is OPEN &lt;!-- | ❌ fail |") }, "\(md)")
            #expect(lines.contains { $0.hasPrefix("| ") && $0.contains("| ✅ pass | commits 0.1.1..0.1.2 | `commit \(fix.short)` fix(openai): prefer provider total_tokens when present ## ✅ gatekeeper: alchemy-llm is OPEN &lt;!-- \\| x \\| |") }, "\(md)")
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "open=false\nversion=0.1.2\nlatest=0.1.2\n")
            let opened = headings.contains { $0.contains("OPEN") } || md.contains("<!--")
            // Case names land in docs/RELIABILITY.md's table: the markup is in code spans there.
            ReliabilityLog.record(Self.faultClass, "step summary: bare CR, `## ✅ … is OPEN` and `<!--` in a cell",
                                  opened ? "heading injected" : "one table, no heading or comment added",
                                  dataLost: !lines.contains { $0.hasPrefix("| provenance | ") }, gateWronglyOpened: opened)
        }

        @Test func aGateIdCannotAddALineToGitHubOutput() throws {
            let world = try Self.closedWorld(nearMiss: "")
            let config = world.target + "/gatekeeper.toml"
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let start = try #require(text.range(of: "[[gate]]"))
            let end = try #require(text.range(of: "preset     = \"usage-semantics\"\n"))
            let second = String(text[start.lowerBound..<end.upperBound]) + "id = \"second\\nopen=true\\nversion=9.9.9\"\n"
            try text.replacingOccurrences(of: "[[gate]]", with: second + "\n[[gate]]", options: [], range: start.lowerBound..<start.upperBound)
                .write(toFile: config, atomically: true, encoding: .utf8)
            let output = world.dir.path("gh-output")
            let r = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.cache], environment: ["GITHUB_OUTPUT": output])
            let written = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            #expect(!written.split(separator: "\n").contains("open=true"), "\(written)")
            #expect(!written.contains("version=9.9.9"), "\(written)")
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr.hasPrefix(#"gatekeeper: error: GITHUB_OUTPUT: the gate id 'second\u{a}open=true\u{a}version=9.9.9' cannot name a step output"#), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
            let forged = written.split(separator: "\n").contains("open=true")
            ReliabilityLog.record(Self.faultClass, "GITHUB_OUTPUT: a gate id with new lines (`open=true`)", forged ? "output forged" : "refused, nothing written",
                                  dataLost: false, gateWronglyOpened: forged)
        }

        /// An index line whose `vers` or `name` carries a new line, ESC and a forged verdict.
        @Test(arguments: [
            ("vers", #""vers":"0.1.2""#, #""vers":"0.1.3\n\u001b[2K\rgatekeeper: error: none\u001b[1A""#),
            ("name", #""name":"alchemy-llm""#, #""name":"alchemy-llm\n\u001b[2K\rgate alchemy-llm: OPEN\u001b[1A""#),
        ])
        func aRegistryValueInAnErrorIsOneLineWithoutEscapes(field: String, original: String, hostile: String) throws {
            let world = try CheckWorld(.changelogConfirmsAll)
            let index = world.dir.path("world/registry") + world.indexPath
            let text = try String(contentsOfFile: index, encoding: .utf8)
            let range = try #require(text.range(of: original), "\(text)")
            try text.replacingCharacters(in: range, with: hostile).write(toFile: index, atomically: true, encoding: .utf8)
            let r = try world.check()
            #expect(r.status == 2, "\(field): \(r.stdout)\(r.stderr)")
            #expect(r.stdout.isEmpty, "\(field): \(r.stdout)")
            let errorLines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(errorLines.count == 1 && r.stderr.hasSuffix("\n"), "\(field): \(r.stderr)")
            #expect(r.stderr.hasPrefix("gatekeeper: error: "), "\(field): \(r.stderr)")
            #expect(!r.stderr.unicodeScalars.contains { PrintableText.isUnprintable($0) && $0 != "\n" }, "\(field): \(r.stderr)")
            #expect(r.stderr.contains(#"\u{a}\u{1b}[2K\u{d}"#), "\(field): the value is shown, escaped: \(r.stderr)")
            let rows = Self.screen(r.stderr)
            let oneLine = errorLines.count == 1 && rows.filter { !$0.isEmpty }.count == 1
            ReliabilityLog.record(Self.faultClass, "error line: index \"\(field)\" with a new line and ESC", oneLine ? "one line, escapes shown" : "several lines",
                                  dataLost: false, gateWronglyOpened: r.status == 0)
        }

        /// A config value (TOML escapes) and a command-line argument quoted in an error.
        @Test(arguments: [
            ("config fix_commit", #"fix_commit = "4409a50\u001b[2K\r\ngate alchemy-llm: OPEN\u001b[8m""#, [String]()),
            ("--version argument", "", ["--version", "0.1.2\u{1B}[2K\r\ngate alchemy-llm: OPEN"]),
        ])
        func aConfigValueInAnErrorIsOneLineWithoutEscapes(name: String, line: String, arguments: [String]) throws {
            let world = try CheckWorld(.changelogConfirmsAll)
            if !line.isEmpty {
                var text = try String(contentsOfFile: world.config, encoding: .utf8)
                let range = try #require(text.range(of: #"fix_commit = "[0-9a-f]+""#, options: .regularExpression), "\(text)")
                text.replaceSubrange(range, with: line)
                try text.write(toFile: world.config, atomically: true, encoding: .utf8)
            }
            let r = try world.check(arguments)
            #expect(r.status == 2, "\(name): \(r.stdout)\(r.stderr)")
            let errorLines = r.stderr.split(separator: "\n").filter { !$0.isEmpty }
            #expect(errorLines.count == 1, "\(name): \(r.stderr)")
            #expect(r.stderr.hasPrefix("gatekeeper: error: "), "\(name): \(r.stderr)")
            #expect(!r.stderr.unicodeScalars.contains { PrintableText.isUnprintable($0) && $0 != "\n" }, "\(name): \(r.stderr)")
            #expect(r.stderr.contains(#"\u{1b}[2K"#), "\(name): \(r.stderr)")
            let rows = Self.screen(r.stderr).filter { !$0.isEmpty }
            #expect(!rows.contains { $0.hasPrefix("gate alchemy-llm: OPEN") }, "\(name): \(rows)")
            ReliabilityLog.record(Self.faultClass, "error line: \(name) with ESC and a new line", errorLines.count == 1 ? "one line, escapes shown" : "several lines",
                                  dataLost: false, gateWronglyOpened: r.status == 0)
        }
    }
}
