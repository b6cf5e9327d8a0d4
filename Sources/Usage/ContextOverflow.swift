/// Silent context overflow: a provider that truncates instead of failing still reports how many
/// prompt tokens it took. Provider-raw `input` already includes cached prompt tokens, so adding
/// `cache_read` on top (the old check) counts them twice and flags overflows that did not happen.
public enum ContextOverflow {
    /// True when the prompt (`input` only) exceeded the model's context window.
    /// A window of 0 or less means unknown, which never signals overflow.
    public static func isSilentOverflow(_ usage: Usage, contextWindow: Int) -> Bool {
        contextWindow > 0 && usage.input > contextWindow
    }
}
