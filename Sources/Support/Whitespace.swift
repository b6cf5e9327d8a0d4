/// Trimming spaces and tabs around a line, natively: Foundation's `trimmingCharacters(in:)`
/// bridges through NSString, which dominated reading a thousand changelogs.
extension StringProtocol {
    /// The text without leading and trailing white space other than line breaks.
    package var trimmedSpaces: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
