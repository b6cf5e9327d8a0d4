import Foundation

/// GETs (and, through `send`, other methods) over libcurl with timeouts, a size cap, bounded redirects, retries with backoff,
/// an optional per-host rate and an optional conditional-request cache. Safe to share between
/// threads: each call runs its transfers on its own multi handle (pooled, so connections are
/// reused across calls).
public final class HTTPClient: @unchecked Sendable {
    public let options: HTTPOptions
    private let counter = StatisticsCounter()
    private let schedule: HostSchedule?
    private let cache: ResponseCache?
    private let pool = MultiPool()

    /// Checks the options (throws `HTTPOptionsError`) and initialises libcurl (throws `CurlError`).
    public init(options: HTTPOptions) throws {
        try options.validate()
        try CurlLibrary.initialise()
        self.options = options
        schedule = options.ratePerHost.map { HostSchedule(ratePerSecond: $0) }
        cache = options.cacheDirectory.map { ResponseCache(cacheDirectory: $0) }
    }

    /// One GET.
    public func get(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try getAll([request])[0].get()
    }

    /// Many GETs at once (at most `options.concurrency` in flight); results in request order.
    public func getAll(_ requests: [HTTPRequest]) -> [Result<HTTPResponse, HTTPError>] {
        run(requests.map { RequestPlan.make($0, options: options, cache: cache) })
    }

    /// Runs checked requests (a failed check is that request's result); results in order.
    func run(_ plans: [Result<RequestPlan, HTTPError>]) -> [Result<HTTPResponse, HTTPError>] {
        guard !plans.isEmpty else { return [] }
        let multi: CurlMulti
        do { multi = try pool.take() } catch {
            return plans.map { plan in
                let url = switch plan { case .success(let p): p.url; case .failure(let e): e.url }
                return .failure(HTTPError(url: url, message: error.message))
            }
        }
        defer { pool.give(multi) }
        let settlement = Settlement(policy: RetryPolicy(options: options), cache: cache, statistics: counter)
        let batch = TransferBatch(options: options, cache: cache, schedule: schedule, statistics: counter, settlement: settlement)
        return batch.run(plans, on: multi)
    }

    /// Requests sent and 304s received so far.
    public var statistics: HTTPStatistics { counter.snapshot }
}

/// Idle multi handles, so a later call reuses the connections an earlier one opened.
private final class MultiPool: @unchecked Sendable {
    private var idle: [CurlMulti] = []
    private let lock = NSLock()

    func take() throws(CurlError) -> CurlMulti {
        lock.lock()
        let multi = idle.popLast()
        lock.unlock()
        if let multi { return multi }
        return try CurlMulti()
    }

    func give(_ multi: CurlMulti) {
        lock.lock()
        idle.append(multi)
        lock.unlock()
    }
}
