import Support
/// Checks an `HTTPSendRequest` and turns it into a `RequestPlan`, before anything is sent.
enum SendPlan {
    /// The methods `send` speaks, and whether repeating one can do harm. PATCH is treated as
    /// idempotent: the APIs we call (GitHub's) set fields with it, so a repeat sets them again.
    static let methods: [String: Bool] = ["GET": true, "PUT": true, "PATCH": true, "POST": false]

    /// Headers libcurl derives from the body; a second, different value would corrupt the framing.
    private static let reserved: Set<String> = ["content-length", "transfer-encoding"]

    static func make(_ request: HTTPSendRequest, options: HTTPOptions) -> Result<RequestPlan, HTTPError> {
        let url = request.url
        let method = request.method
        func failure(_ message: String) -> Result<RequestPlan, HTTPError> {
            .failure(HTTPError(url: url, message: message, method: PrintableText.line(method)))
        }
        guard let idempotent = methods[method] else {
            return failure("unsupported HTTP method \"\(PrintableText.line(method))\" (use GET, POST, PATCH or PUT)")
        }
        let limit = request.maxBodyBytes ?? options.maxBodyBytes
        guard limit > 0 else { return failure("maxBodyBytes must be positive, got \(limit)") }
        if method == "GET" && !request.body.isEmpty { return failure("a GET request cannot carry a body") }
        let parsed: CurlURL
        switch RequestPlan.checkURL(url, schemes: ["http", "https"]) {
        case .success(let value): parsed = value
        case .failure(let problem): return failure(problem.text)
        }
        var lines: [String]
        switch headerLines(request.headers) {
        case .success(let value): lines = value
        case .failure(let problem): return failure(problem.text)
        }
        let carriesBody = method != "GET"
        if carriesBody {
            let given = Set(request.headers.keys.map { $0.lowercased() })
            // libcurl would label the body as a form; say nothing rather than something false.
            if !given.contains("content-type") { lines.append("Content-Type:") }
            // No "Expect: 100-continue" round trip: bodies here are small and latency matters more.
            if !given.contains("expect") { lines.append("Expect:") }
        }
        var plan = RequestPlan(url: url, host: parsed.host, limit: limit, cacheable: false, cached: nil)
        plan.method = method
        plan.headerLines = lines
        plan.body = carriesBody ? request.body : nil
        plan.idempotent = idempotent
        plan.quotesErrorBody = true
        return .success(plan)
    }

    /// "Name: value" lines in name order; errors name the header, never its value (it may be a secret).
    private static func headerLines(_ headers: [String: String]) -> Result<[String], RequestPlan.URLProblem> {
        var seen: Set<String> = []
        var lines: [String] = []
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                return .failure(.init(text: "header name \"\(PrintableText.line(name))\" is not a valid HTTP token"))
            }
            let lower = name.lowercased()
            guard seen.insert(lower).inserted else { return .failure(.init(text: "header \(name) is given twice")) }
            if reserved.contains(lower) { return .failure(.init(text: "header \(name) is set by the client from the body")) }
            // Tab is the only control character a field value may hold; CR/LF would forge headers.
            if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7f }) {
                return .failure(.init(text: "header \(name) contains a control character"))
            }
            let trimmed = value.trimmingSpaces
            // libcurl reads "Name:" as "remove this header" and "Name;" as "send it empty".
            lines.append(trimmed.isEmpty ? "\(name);" : "\(name): \(trimmed)")
        }
        return .success(lines)
    }

    /// RFC 9110 token characters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

private extension String {
    /// Without leading and trailing spaces and tabs (what HTTP ignores around a field value).
    var trimmingSpaces: String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
