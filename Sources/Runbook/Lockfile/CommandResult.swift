/// One command run, as a rollout logs it.
public struct CommandResult: Sendable {
    public let command: String
    /// 124 when it ran past its timeout (as timeout(1) reports).
    public let exitCode: Int32
    /// stdout and stderr, interleaved as written.
    public let output: String
    public let durationSeconds: Double

    public init(command: String, exitCode: Int32, output: String, durationSeconds: Double) {
        self.command = command
        self.exitCode = exitCode
        self.output = output
        self.durationSeconds = durationSeconds
    }
}
