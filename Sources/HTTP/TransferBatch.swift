/// Runs a list of requests through one multi handle on the calling thread: at most
/// `concurrency` transfers at once, each retried after its delay, each started no earlier than
/// its host's rate allows. Results come back in request order.
struct TransferBatch {
    private struct Job {
        let index: Int
        let plan: RequestPlan
        var attempts = 0
        /// Monotonic time before which the job must not start (a retry delay or a rate slot).
        var notBefore = 0.0
        /// The job already claimed its host's rate slot for `notBefore`.
        var holdsSlot = false
    }

    let options: HTTPOptions
    let cache: ResponseCache?
    let schedule: HostSchedule?
    let statistics: StatisticsCounter
    let settlement: Settlement

    func run(_ plans: [Result<RequestPlan, HTTPError>], on multi: CurlMulti) -> [Result<HTTPResponse, HTTPError>] {
        var results = [Result<HTTPResponse, HTTPError>?](repeating: nil, count: plans.count)
        var pending: [Job] = []
        var urls: [String] = []
        for (index, planned) in plans.enumerated() {
            switch planned {
            case .success(let plan):
                pending.append(Job(index: index, plan: plan))
                urls.append(plan.url)
            case .failure(let error):
                results[index] = .failure(error)
                urls.append(error.url)
            }
        }
        var active: [UnsafeMutableRawPointer: (job: Job, transfer: Transfer)] = [:]

        while !pending.isEmpty || !active.isEmpty {
            start(&pending, &active, &results, multi: multi)
            if active.isEmpty {
                // Everything left waits for a retry delay or a rate slot.
                if let next = pending.map(\.notBefore).min() { MonotonicClock.sleep(seconds: next - MonotonicClock.now()) }
                continue
            }
            do {
                try multi.perform()
            } catch {
                for (_, entry) in active {
                    multi.remove(entry.transfer.easy)
                    results[entry.job.index] = .failure(HTTPError(url: entry.job.plan.url, message: error.message))
                }
                active.removeAll()
                continue
            }
            for (easy, code) in multi.completed() {
                guard let entry = active.removeValue(forKey: easy) else { continue }
                multi.remove(entry.transfer.easy)
                var job = entry.job
                statistics.add(sent: entry.transfer.requestsSent)
                switch settlement.settle(job.plan, attempt: job.attempts, entry.transfer.outcome(code)) {
                case .done(let result): results[job.index] = result
                case .again(let delay):
                    job.notBefore = MonotonicClock.now() + delay
                    pending.append(job)
                }
            }
            if !active.isEmpty {
                // Sleep until libcurl has work, or until a waiting job is due and has a place to run.
                var wake = 1.0
                if active.count < options.concurrency, let next = pending.map(\.notBefore).min() {
                    wake = min(wake, max(0, next - MonotonicClock.now()))
                }
                try? multi.poll(milliseconds: Int((wake * 1000).rounded(.up)))
            }
        }
        return results.enumerated().map { index, result in
            result ?? .failure(HTTPError(url: urls[index], message: "request was not run"))
        }
    }

    /// Starts every pending job that is due and has a free place and a rate slot.
    private func start(_ pending: inout [Job], _ active: inout [UnsafeMutableRawPointer: (job: Job, transfer: Transfer)],
                       _ results: inout [Result<HTTPResponse, HTTPError>?], multi: CurlMulti) {
        var i = 0
        while active.count < options.concurrency && i < pending.count {
            let now = MonotonicClock.now()
            guard pending[i].notBefore <= now else { i += 1; continue }
            if let schedule, let host = pending[i].plan.host, !pending[i].holdsSlot {
                let slot = schedule.reserve(host: host, now: now)
                if slot > now {
                    pending[i].notBefore = slot
                    pending[i].holdsSlot = true
                    i += 1
                    continue
                }
            }
            var job = pending.remove(at: i)
            job.holdsSlot = false
            job.attempts += 1
            do {
                let transfer = try Transfer(plan: job.plan, options: options)
                try multi.add(transfer.easy)
                active[transfer.easy.handle] = (job, transfer)
            } catch {
                results[job.index] = .failure(HTTPError(url: job.plan.url, message: error.message))
            }
        }
    }
}
