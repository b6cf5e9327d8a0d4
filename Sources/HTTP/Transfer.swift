import CCurl
import Archive

/// What one attempt came to, before any retry decision.
enum AttemptOutcome {
    /// The server answered (file:// reads answer 200); a gzip body is already decoded.
    case response(status: Int, reason: String, headers: [String: String], body: [UInt8])
    /// libcurl failed, with its own code and message; `requestSent` once any request bytes went out.
    case transport(code: CURLcode, error: CurlError, requestSent: Bool)
    /// The body passed the cap.
    case tooLarge
    /// A gzip body that does not decode (truncated or corrupt).
    case badEncoding(String)
    /// A Content-Encoding other than gzip or identity.
    case unsupportedEncoding(String)
}

/// One attempt at one request: an easy handle set up from the options and the plan, and the
/// collector its callbacks fill. Lives until libcurl reports the attempt done.
final class Transfer {
    let easy: CurlEasy
    private let collector: ResponseCollector

    init(plan: RequestPlan, options: HTTPOptions) throws(CurlError) {
        easy = try CurlEasy()
        collector = ResponseCollector(limit: plan.limit)
        try easy.set(CURLOPT_URL, plan.url)
        // Only these schemes, and redirects never to file://: a server must not read local files.
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https,file")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 1)
        try easy.set(CURLOPT_MAXREDIRS, options.maxRedirects)
        try easy.set(CURLOPT_USERAGENT, options.userAgent)
        // Ask for gzip but decode it ourselves (GzipDecoder says why).
        try easy.set(CURLOPT_ACCEPT_ENCODING, "gzip")
        try easy.set(CURLOPT_HTTP_CONTENT_DECODING, 0)
        // At least 1 ms: to libcurl, 0 means "no timeout" (or its 300 s default for connecting).
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(options.connectTimeout * 1000)))
        try easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(options.totalTimeout * 1000)))
        try easy.set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try easy.set(CURLOPT_LOW_SPEED_TIME, Int(options.stallTimeout.rounded(.up)))
        // Refuses early when Content-Length (or a file's size) already says too much.
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, largeOffset: Int64(ResponseCollector.rawAllowance(plan.limit)))
        // Several threads run transfers; libcurl must not use signals for its timeouts
        // (CurlLibrary.initialise ignores SIGPIPE for the process instead).
        try easy.set(CURLOPT_NOSIGNAL, 1)
        // Proxies: libcurl's defaults read http_proxy / https_proxy / no_proxy; deliberately kept.
        let context = Unmanaged.passUnretained(collector).toOpaque()
        try easy.set(CURLOPT_WRITEFUNCTION, callback: collectBody)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION, callback: collectHeader)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        let headers = (plan.cached?.conditionalHeaders ?? []) + plan.headerLines
        if !headers.isEmpty {
            try easy.set(CURLOPT_HTTPHEADER, headers: CurlHeaderList(headers))
        }
        // libcurl silently resends a request whose reused connection died without an answer;
        // on a fresh connection a POST goes out once.
        if !plan.idempotent { try easy.set(CURLOPT_FRESH_CONNECT, 1) }
        if let body = plan.body {
            // POSTFIELDS makes the request a POST; other methods keep the body under their own name.
            if plan.method != "POST" { try easy.set(CURLOPT_CUSTOMREQUEST, plan.method) }
            // The size goes first, so libcurl copies exactly these bytes (NULs included).
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, largeOffset: Int64(body.count))
            try easy.set(CURLOPT_COPYPOSTFIELDS, copying: body)
        }
    }

    /// Requests this attempt put on the wire: the first and one per redirect followed.
    var requestsSent: Int { 1 + easy.redirectCount }

    /// The attempt's outcome once libcurl reported `code` for it.
    func outcome(_ code: CURLcode) -> AttemptOutcome {
        let status = easy.responseCode
        if collector.exceeded || code == CURLE_FILESIZE_EXCEEDED {
            // An error status with a big page is still that error status (and may be retried).
            if status >= 300 { return .response(status: status, reason: collector.reason, headers: collector.headers, body: []) }
            return .tooLarge
        }
        guard code == CURLE_OK else {
            return .transport(code: code, error: easy.error(for: code), requestSent: easy.requestSize > 0)
        }
        // file:// reads have no status; libcurl reports 0.
        let finalStatus = status == 0 ? 200 : status
        var body = collector.body
        if (200..<300).contains(finalStatus) {
            let coding = collector.headers["content-encoding"]?.lowercased() ?? ""
            if collector.isGzip {
                do { body = try GzipDecoder.decode(body, limit: collector.limit) } catch {
                    switch error {
                    case .tooLarge: return .tooLarge
                    case .corrupt(let why): return .badEncoding(why)
                    }
                }
            } else if !coding.isEmpty && coding != "identity" {
                return .unsupportedEncoding(coding)
            }
        } else if collector.isGzip {
            // An error page is only quoted, so one that does not decode is simply not quoted.
            body = (try? GzipDecoder.decode(body, limit: collector.limit)) ?? []
        }
        return .response(status: finalStatus, reason: collector.reason, headers: collector.headers, body: body)
    }
}

/// CURLOPT_WRITEFUNCTION: returning less than was offered makes libcurl abort the transfer.
private let collectBody: gk_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let (total, overflow) = size.multipliedReportingOverflow(by: count)
    guard !overflow else { return 0 }
    guard total > 0, let data else { return total }
    let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
    return collector.receiveBody(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

/// CURLOPT_HEADERFUNCTION: one header line per call.
private let collectHeader: gk_curl_data_callback = { data, size, count, context in
    let (total, overflow) = size.multipliedReportingOverflow(by: count)
    guard !overflow, let context, let data else { return 0 }
    let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
    collector.receiveHeader(UnsafeRawBufferPointer(start: data, count: total))
    return total
}
