import Checks
import Usage

/// The text form of a suite run: a line per failed case (every case with --verbose), then the
/// closing `N passed, N failed`.
enum SuiteText {
    static func print<R: SuiteOutcome>(_ result: R, console: Console, verbose: Bool) {
        for r in result.results {
            if let failure = r.failure {
                Console.say("\(raw: console.paint("FAIL", .red)) \(r.caseName) (\(r.caseFile)): \(failure)")
            } else if verbose {
                Console.say("\(raw: console.paint("pass", .green)) \(r.caseName)")
            }
        }
        Console.say("\(result.summaryLine)")
    }
}
