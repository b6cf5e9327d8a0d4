import Checks
import Foundation
import Runbook
import Testing
@testable import Git

@Suite struct RunbookGitDiffTests {
    typealias S = GitRunbookSupport

    @Test func aOneLineChangeMatchesDiffU() throws {
        let folder = try GitRunbookFolder()
        let old = (1...12).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 7\n", with: "line seven\n")
        try S.write(old, to: folder.sub("old/Cargo.toml"))
        try S.write(new, to: folder.sub("new/Cargo.toml"))
        let reference = try S.run("diff", ["-u", "old/Cargo.toml", "new/Cargo.toml"], in: folder.path).output

        let diff = try GitRepository.unifiedDiff(path: "bindings/py/Cargo.toml", old: old, new: new)
        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "diff --git a/bindings/py/Cargo.toml b/bindings/py/Cargo.toml")
        #expect(lines.contains("--- a/bindings/py/Cargo.toml"))
        #expect(lines.contains("+++ b/bindings/py/Cargo.toml"))
        /// Hunk ranges and bodies; git adds a section heading after the second "@@" that diff -u does not.
        func hunks(_ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("@@") }.map { line in
                guard line.hasPrefix("@@"), let end = line.range(of: " @@", range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex)
                else { return String(line) }
                return String(line[..<end.upperBound])
            }
        }
        #expect(hunks(diff) == hunks(reference), "git:\n\(diff)\ndiff -u:\n\(reference)")
        #expect(hunks(diff).first == "@@ -4,7 +4,7 @@")
        #expect(hunks(diff).count == 10)
    }

    @Test func equalTextsGiveNothingAndMissingNewlinesAreMarked() throws {
        #expect(try GitRepository.unifiedDiff(path: "a", old: "same\n", new: "same\n") == "")
        let diff = try GitRepository.unifiedDiff(path: "a", old: "x", new: "y")
        #expect(diff.contains("-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n"), "got: \(diff)")
        let created = try GitRepository.unifiedDiff(path: "new.txt", old: "", new: "hello\n")
        #expect(created.contains("@@ -0,0 +1 @@\n+hello\n"), "got: \(created)")
    }
}
