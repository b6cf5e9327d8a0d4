/// How a rollout tells the person watching what happens. The CLI renders it (step lines, a
/// spinner on a terminal, live command output); tests can collect it.
public protocol RolloutObserver: Sendable {
    func stepStarted(_ step: RolloutStep, detail: String)
    func stepFinished(_ step: RolloutStep, status: StepStatus, detail: String, seconds: Double)
    /// A line of a running command's output; `source` names the command ("qa 1", "capture rust").
    func output(_ line: String, source: String)
    func note(_ text: String)
}

public enum StepStatus: String, Sendable {
    case ok, failed, notRun = "not run"
}
