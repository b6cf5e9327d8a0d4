/// Passes everything a rollout reports through the secret redactor before anyone sees it:
/// commands' live output reaches CI logs, which are as public as the evidence.
struct RedactingObserver: RolloutObserver {
    let inner: RolloutObserver
    let redactor: SecretRedactor

    func stepStarted(_ step: RolloutStep, detail: String) {
        inner.stepStarted(step, detail: redactor.redact(detail))
    }

    func stepFinished(_ step: RolloutStep, status: StepStatus, detail: String, seconds: Double) {
        inner.stepFinished(step, status: status, detail: redactor.redact(detail), seconds: seconds)
    }

    func output(_ line: String, source: String) {
        inner.output(redactor.redact(line), source: redactor.redact(source))
    }

    func note(_ text: String) {
        inner.note(redactor.redact(text))
    }
}
