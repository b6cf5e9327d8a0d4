import Foundation
import Support

extension HTTPClient {
    /// One request with a method, headers and a body. A non-2xx answer is an `HTTPError` with
    /// the status and a short excerpt of the response body (an API's JSON "message" when there
    /// is one). Retries: GET, PUT and PATCH as `get` does; POST only when the server cannot
    /// have acted on it — a connection that failed before the request went out, a 429, a 503
    /// with Retry-After. Never cached. Authorization values never appear in an error.
    public func send(_ request: HTTPSendRequest) throws(HTTPError) -> HTTPResponse {
        let secrets = Self.secrets(in: request.headers)
        let result = run([SendPlan.make(request, options: options)])[0]
        switch result {
        case .success(let response): return response
        case .failure(let error): throw error.redacting(secrets, method: PrintableText.line(request.method))
        }
    }

    /// The values of credential headers, and each one's credential without its scheme
    /// ("Bearer abc" → "abc": a server may echo the bare token).
    private static func secrets(in headers: [String: String]) -> [String] {
        var found: [String] = []
        for (name, value) in headers where ["authorization", "proxy-authorization"].contains(name.lowercased()) {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            found.append(value)
            found.append(trimmed)
            if let space = trimmed.firstIndex(of: " ") {
                found.append(String(trimmed[trimmed.index(after: space)...]).trimmingCharacters(in: .whitespaces))
            }
        }
        // Longest first, so a secret that contains another is replaced whole.
        return Set(found.filter { !$0.isEmpty }).sorted { $0.count > $1.count }
    }
}

extension HTTPError {
    /// The same error naming `method`, with every secret replaced by the redactor's placeholder.
    func redacting(_ secrets: [String], method: String) -> HTTPError {
        let redactor = SecretRedactor(secrets: secrets.map { (name: nil, value: $0) })
        return HTTPError(url: redactor.redact(url), status: status, message: redactor.redact(message), method: method)
    }
}
