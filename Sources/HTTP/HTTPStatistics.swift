/// What an `HTTPClient` has sent so far.
public struct HTTPStatistics: Sendable, Equatable {
    /// Requests sent: every attempt and every redirect hop, file:// reads included.
    public var total: Int
    /// Requests the server answered with 304 Not Modified.
    public var notModified: Int

    public init(total: Int = 0, notModified: Int = 0) {
        self.total = total
        self.notModified = notModified
    }
}
