import ArgumentParser
import Foundation

/// The entry point. Maps every failure onto the exit codes of the design: 1 for a negative
/// verdict (thrown as `ExitCode(1)`), 2 for any error, with one line on stderr.
@main
enum GatekeeperMain {
    static func main() {
        // Handled here, not as an option: `check --version X` and `rollout --version X` own that
        // name, and ArgumentParser would hand a root `--version` the subcommands' too. Not
        // CommandConfiguration.version either: that is evaluated on every parse, and reporting the
        // C libraries' versions initialises them (libgit2 parses every CA certificate).
        if CommandLine.arguments.dropFirst() == ["--version"] {
            print(VersionInfo.text)
            exit(0)
        }
        do {
            var command = try GatekeeperCommand.parseAsRoot()
            try command.run()
            Console.flush()
        } catch let code as ExitCode {
            Console.flush()
            exit(code.rawValue)
        } catch {
            Console.flush()
            let exitCode = GatekeeperCommand.exitCode(for: error)
            if exitCode == .success {
                // --help, --version
                print(GatekeeperCommand.fullMessage(for: error))
                exit(0)
            }
            // ArgumentParser's own: a bad flag, a missing argument, a failed validation.
            if exitCode == .validationFailure {
                let message = GatekeeperCommand.message(for: error)
                Console.error("\(message.replacingOccurrences(of: "\n", with: " ")) (see 'gatekeeper --help')")
            } else {
                Console.error(String(describing: error))
            }
            exit(2)
        }
    }
}
