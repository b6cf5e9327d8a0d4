import Checks
import Foundation
import Runbook
import Support

/// Step lines with status and duration, command output shown live, and a spinner while a step
/// runs — the spinner only on a terminal, never in a log.
final class ConsoleRolloutObserver: RolloutObserver, @unchecked Sendable {
    let console: Console
    let toStderr: Bool
    let verbose: Bool
    private let lock = NSLock()
    private var spinner: Thread?
    private var spinning: (step: RolloutStep, since: Date)?
    private var spinnerShown = false
    private let tty: Bool

    init(console: Console, toStderr: Bool, verbose: Bool) {
        self.console = console
        self.toStderr = toStderr
        self.verbose = verbose
        tty = isatty(toStderr ? 2 : 1) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    private func emit(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        clearSpinnerLocked()
        let data = Data((line + "\n").utf8)
        if toStderr { FileHandle.standardError.write(data) } else { FileHandle.standardOutput.write(data) }
    }

    private func clearSpinnerLocked() {
        if spinnerShown {
            let clear = Data("\r\u{1B}[2K".utf8)
            if toStderr { FileHandle.standardError.write(clear) } else { FileHandle.standardOutput.write(clear) }
            spinnerShown = false
        }
    }

    func stepStarted(_ step: RolloutStep, detail: String) {
        lock.lock()
        spinning = (step, Date())
        lock.unlock()
        guard tty, spinner == nil else { return }
        let thread = Thread { [weak self] in
            let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
            var k = 0
            while let self, !Thread.current.isCancelled {
                self.lock.lock()
                if let s = self.spinning {
                    let text = "\r\u{1B}[2K\(frames[k % frames.count]) \(s.step.title) (\(Int(Date().timeIntervalSince(s.since))) s)"
                    let data = Data(text.utf8)
                    if self.toStderr { FileHandle.standardError.write(data) } else { FileHandle.standardOutput.write(data) }
                    self.spinnerShown = true
                }
                self.lock.unlock()
                k += 1
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        spinner = thread
        thread.start()
    }

    func stepFinished(_ step: RolloutStep, status: StepStatus, detail: String, seconds: Double) {
        lock.lock()
        spinning = nil
        lock.unlock()
        let mark: String
        switch status {
        case .ok: mark = console.paint("ok", .green)
        case .failed: mark = console.paint("FAILED", .red)
        case .notRun: mark = console.paint(status.rawValue, .yellow)
        }
        let name = step.title.padding(toLength: 18, withPad: " ", startingAt: 0)
        emit("\(name) \(mark)  \(String(format: "%.1f", seconds)) s  \(PrintableText.line(detail))")
    }

    func output(_ line: String, source: String) {
        emit(console.paint("  │ \(PrintableText.line(source)): ", .dim) + PrintableText.line(line))
    }

    func note(_ text: String) {
        if verbose { emit(console.paint("  · \(PrintableText.line(text))", .dim)) }
    }

    func finish() {
        spinner?.cancel()
        spinner = nil
        lock.lock()
        clearSpinnerLocked()
        lock.unlock()
    }
}
