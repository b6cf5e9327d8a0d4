import Foundation
import FuzzTargets
import Testing

/// Every committed fuzzing input, replayed through the call libFuzzer drives: the seed corpus
/// (Fuzz/corpus/<target>/) and every crash input ever found (Fuzz/crashes/<target>/, where
/// scripts/fuzz.sh copies them). A parser that traps on one of them takes this test run down
/// with it, which is the point: `make test` fails without `make fuzz`'s sanitizer build.
@Suite struct FuzzReplayTests {
    static let root = CLI.packageRoot.appendingPathComponent("Fuzz")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        var folders = ["corpus", "crashes"].map { root.appendingPathComponent("\($0)/\(target.rawValue)") }
        // scripts/fuzz.sh seeds the capture reader from the bundled example captures.
        if target == .capture { folders.append(CLI.packageRoot.appendingPathComponent("Examples/captures")) }
        return folders.flatMap { dir -> [URL] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.sorted().map { dir.appendingPathComponent($0) }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCommittedInputReturns(_ target: FuzzTarget) throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "no seed input for \(target.rawValue)")
        for file in files {
            target.run(try [UInt8](Data(contentsOf: file)))
        }
    }

    @Test func theHarnessAndTheReplayKnowTheSameTargets() throws {
        let script = try String(contentsOf: CLI.packageRoot.appendingPathComponent("scripts/fuzz.sh"), encoding: .utf8)
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("TARGETS=") })
        #expect(line == "TARGETS=\"${FUZZ_TARGETS:-\(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))}\"")
    }
}
