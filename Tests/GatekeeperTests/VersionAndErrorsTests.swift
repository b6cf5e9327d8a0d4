import Testing

@Suite struct VersionAndErrorsTests {
    @Test func versionNamesTheToolAndBothCLibraries() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.lines.first?.hasPrefix("gatekeeper ") == true)
        #expect(r.lines.contains { $0.hasPrefix("libcurl 7.") || $0.hasPrefix("libcurl 8.") })
        #expect(r.lines.contains { $0.hasPrefix("libgit2 1.") })
        #expect(!r.stdout.contains("failed to initialise"))
    }

    @Test func unknownOptionIsAnErrorWithExitTwoOnOneLine() throws {
        let r = try CLI.run(["contracts", "--bogus"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("gatekeeper: error: "))
        #expect(r.stderr.contains("--bogus"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func helpOfEveryCommandHasAnExample() throws {
        for command in [["usage", "normalize"], ["usage", "validate"], ["contracts"], ["parity"]] {
            let r = try CLI.run(command + ["--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("Example"), "\(command)")
        }
    }
}
