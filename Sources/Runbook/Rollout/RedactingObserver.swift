import Support
import Foundation

/// Passes everything a rollout reports through the secret redactor before anyone sees it:
/// commands' live output reaches CI logs, which are as public as the evidence.
///
/// Live output comes a line at a time, and a secret may be split between two lines (a value
/// wrapped at a column, base64 wrapped at 76) or two pieces of output. So a command's line is
/// shown once it cannot be the start of a secret the next line finishes: a line that ends the
/// way a secret's spelling begins is held (per source) until the next line of that source
/// comes, and redacted together with it; whatever is held when a step starts or finishes, or
/// the rollout ends (`Rollout.run` flushes), is shown then, redacted as it is.
struct RedactingObserver: RolloutObserver {
    let inner: RolloutObserver
    let redactor: SecretRedactor
    private let pending = PendingLines()

    init(inner: RolloutObserver, redactor: SecretRedactor) {
        self.inner = inner
        self.redactor = redactor
    }

    func stepStarted(_ step: RolloutStep, detail: String) {
        flush()
        inner.stepStarted(step, detail: redactor.redact(detail))
    }

    func stepFinished(_ step: RolloutStep, status: StepStatus, detail: String, seconds: Double) {
        flush()
        inner.stepFinished(step, status: status, detail: redactor.redact(detail), seconds: seconds)
    }

    func output(_ line: String, source: String) {
        if redactor.isEmpty {
            inner.output(redactor.redact(line), source: redactor.redact(source))
            return
        }
        pending.withLock { state in
            let before = state.held[source]
            var text = before ?? []
            if before != nil { text.append(UInt8(ascii: "\n")) }
            text += Array(line.utf8)
            let (ready, keep) = redactor.redactStream(text)
            if keep.isEmpty {
                state.held[source] = nil
                state.order.removeAll { $0 == source }
            } else {
                state.held[source] = keep
                if before == nil { state.order.append(source) }
            }
            if let ready { show(ready, source: source) }
        }
    }

    func note(_ text: String) {
        inner.note(redactor.redact(text))
    }

    /// Shows every held line, redacted as it is: the command that printed it has finished.
    func flush() {
        pending.withLock { state in
            for source in state.order {
                if let text = state.held[source] { show(redactor.redact(bytes: text), source: source) }
            }
            state = .init()
        }
    }

    /// Lines joined by `\n`, one `output` each. A secret spanning lines became one line.
    private func show(_ text: [UInt8], source: String) {
        let shownSource = redactor.redact(source)
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            inner.output(String(decoding: line, as: UTF8.self), source: shownSource)
        }
    }
}

/// The raw lines each source still holds back, and the order the sources started holding.
/// Output comes from several threads (QA commands run side by side).
private final class PendingLines: @unchecked Sendable {
    struct State {
        var held: [String: [UInt8]] = [:]
        var order: [String] = []
    }

    private let lock = NSLock()
    private var state = State()

    func withLock(_ body: (inout State) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&state)
    }
}
