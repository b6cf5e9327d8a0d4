import CCurl

/// When a failed attempt is worth repeating, and how long to wait first.
struct RetryPolicy: Sendable {
    let retries: Int
    let baseDelay: Double
    let maxDelay: Double

    init(options: HTTPOptions) {
        retries = options.retries
        baseDelay = options.baseDelay
        maxDelay = options.maxDelay
    }

    enum Decision: Equatable {
        case retry(after: Double)
        case fail(String)
    }

    /// Transport failures a second try may well not see: the network, the server's restart, a
    /// cut connection, a timeout, a mangled encoding.
    static func isTransient(_ code: CURLcode) -> Bool {
        [CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE,
         CURLE_OPERATION_TIMEDOUT, CURLE_GOT_NOTHING, CURLE_BAD_CONTENT_ENCODING,
         CURLE_HTTP2, CURLE_HTTP2_STREAM].contains(code)
    }

    static func isRetryable(status: Int) -> Bool {
        status == 429 || (500..<600).contains(status)
    }

    /// For requests that must not run twice (POST): only answers saying the server turned the
    /// request away unprocessed — 429, and 503 when it says when to come back.
    static func isRetryableUnprocessed(status: Int, retryAfter: String?) -> Bool {
        status == 429 || (status == 503 && retryAfter.flatMap { RetryAfter.seconds($0) } != nil)
    }

    /// After attempt number `attempt` (1-based) failed with `message`, retryably.
    /// `retryAfter` is the server's Retry-After header, when it sent one.
    func decide(attempt: Int, message: String, retryAfter: String?) -> Decision {
        guard attempt <= retries else {
            return .fail(attempt > 1 ? "\(message) (after \(attempt) attempts)" : message)
        }
        if let retryAfter, let wait = RetryAfter.seconds(retryAfter) {
            guard wait <= maxDelay else {
                return .fail("\(message): the server asked to wait \(RetryAfter.describe(wait)), more than the \(RetryAfter.describe(maxDelay)) cap")
            }
            return .retry(after: wait)
        }
        return .retry(after: backoff(attempt: attempt))
    }

    /// Exponential backoff with full jitter: uniformly random in 0...min(maxDelay, base·2ⁿ⁻¹).
    func backoff(attempt: Int) -> Double {
        let ceiling = min(maxDelay, baseDelay * Double(sign: .plus, exponent: min(attempt - 1, 64), significand: 1))
        return ceiling > 0 ? Double.random(in: 0...ceiling) : 0
    }
}
