/// Turns one attempt's outcome into the request's result, or a retry after a delay; stores
/// fresh 2xx bodies in the cache and answers 304s from it.
struct Settlement {
    enum Verdict {
        case done(Result<HTTPResponse, HTTPError>)
        case again(after: Double)
    }

    let policy: RetryPolicy
    let cache: ResponseCache?
    let statistics: StatisticsCounter

    func settle(_ plan: RequestPlan, attempt: Int, _ outcome: AttemptOutcome) -> Verdict {
        let url = plan.url
        func fail(_ message: String, status: Int? = nil) -> Verdict {
            .done(.failure(HTTPError(url: url, status: status, message: message)))
        }
        func retryable(_ message: String, status: Int? = nil, retryAfter: String? = nil) -> Verdict {
            switch policy.decide(attempt: attempt, message: message, retryAfter: retryAfter) {
            case .retry(let delay): return .again(after: delay)
            case .fail(let text): return fail(text, status: status)
            }
        }

        switch outcome {
        case .tooLarge:
            return fail("response body exceeds \(plan.limit) bytes")
        case .unsupportedEncoding(let coding):
            return fail("unsupported Content-Encoding \"\(coding)\"")
        case .badEncoding(let why):
            // A 2xx to a POST means it was done; asking again would do it twice.
            return plan.idempotent ? retryable("gzip body does not decode: \(why)") : fail("gzip body does not decode: \(why)")
        case .transport(let code, let error, let requestSent):
            // Once a POST went out the server may have acted on it, whatever happened next.
            let repeatable = plan.idempotent || !requestSent
            return RetryPolicy.isTransient(code) && repeatable ? retryable(error.message) : fail(error.message)
        case .response(let status, let reason, let headers, let body):
            if (200..<300).contains(status) {
                if plan.cacheable, let cache {
                    do { try cache.store(url: url, status: status, headers: headers, body: body) } catch { return fail(error.message) }
                }
                return .done(.success(HTTPResponse(url: url, status: status, headers: headers, body: body,
                                                   revalidated: false, attempts: attempt)))
            }
            if status == 304, let cached = plan.cached {
                return revalidated(plan, cached, headers: headers, attempt: attempt)
            }
            var line = StatusText.line(status, reason: reason)
            if plan.quotesErrorBody {
                let excerpt = ErrorExcerpt.of(body)
                if !excerpt.isEmpty { line += ": " + excerpt }
            }
            let retry = plan.idempotent
                ? RetryPolicy.isRetryable(status: status)
                : RetryPolicy.isRetryableUnprocessed(status: status, retryAfter: headers["retry-after"])
            if retry {
                return retryable(line, status: status, retryAfter: headers["retry-after"])
            }
            return fail(line, status: status)
        }
    }

    /// A 304: the cached body, with the stored headers updated by the 304's (RFC 9111 §4.3.4,
    /// except the body's framing); new validators are written back.
    private func revalidated(_ plan: RequestPlan, _ cached: ResponseCache.Entry, headers: [String: String], attempt: Int) -> Verdict {
        statistics.addNotModified()
        var merged = cached.headers
        for (name, value) in headers where name != "content-length" && name != "transfer-encoding" { merged[name] = value }
        let newValidators = (headers["etag"] != nil && headers["etag"] != cached.etag)
            || (headers["last-modified"] != nil && headers["last-modified"] != cached.lastModified)
        if newValidators, let cache {
            do { try cache.store(url: plan.url, status: cached.status, headers: merged, body: cached.body) } catch {
                return .done(.failure(HTTPError(url: plan.url, message: error.message)))
            }
        }
        return .done(.success(HTTPResponse(url: plan.url, status: cached.status, headers: merged, body: cached.body,
                                           revalidated: true, attempts: attempt)))
    }
}
