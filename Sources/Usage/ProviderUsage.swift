import Support
/// Canonical usage mapped from a provider's raw `usage` object, with a note for every fallback
/// the mapping took so a reviewer can see why a value is what it is.
public struct NormalizedUsage: Sendable, Equatable {
    public let usage: Usage
    public let diagnostics: [String]
}

/// A raw usage object that cannot be mapped; names the offending key path.
public struct UsageMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// Provider-raw mapping (OpenAI-compatible usage with Anthropic-style cache fields):
/// - `input` = `prompt_tokens`; `output` = `completion_tokens`, reasoning tokens never added;
/// - `cache_read` = `cache_read_input_tokens`, else `prompt_tokens_details.cached_tokens`, else 0;
/// - `cache_write` = `cache_creation_input_tokens`, else `prompt_tokens_details.cache_write_tokens`, else 0;
/// - `total_tokens` = provider `total_tokens` when it is a number, else `input + output`.
public enum ProviderUsage {
    public static func normalize(_ raw: JSONValue) throws -> NormalizedUsage {
        var notes: [String] = []
        guard case .object(var usage) = raw else {
            throw UsageMappingError(path: "usage", message: "expected an object, got \(raw.typeDescription)")
        }
        // A whole response or message is accepted: its `usage` member is what is mapped.
        if usage["prompt_tokens"] == nil, case .object(let inner)? = usage["usage"] {
            usage = inner
            notes.append("read the response's \"usage\" object")
        }
        let path = "usage"

        guard let input = try count(usage, "prompt_tokens", path) else {
            throw UsageMappingError(path: "\(path).prompt_tokens", message: missingHint(usage, native: "input_tokens"))
        }
        guard let output = try count(usage, "completion_tokens", path) else {
            throw UsageMappingError(path: "\(path).completion_tokens", message: missingHint(usage, native: "output_tokens"))
        }

        if let details = try object(usage, "completion_tokens_details", path),
           let reasoning = try count(details, "reasoning_tokens", "\(path).completion_tokens_details"), reasoning > 0 {
            notes.append("completion_tokens_details.reasoning_tokens (\(reasoning)) is part of completion_tokens and not added to output")
        }

        let promptDetails = try object(usage, "prompt_tokens_details", path)
        let detailsPath = "\(path).prompt_tokens_details"
        let cacheRead = try precedence(
            explicit: (usage, "cache_read_input_tokens", path),
            details: promptDetails.map { ($0, "cached_tokens", detailsPath) },
            field: "cache_read", notes: &notes)
        let cacheWrite = try precedence(
            explicit: (usage, "cache_creation_input_tokens", path),
            details: promptDetails.map { ($0, "cache_write_tokens", detailsPath) },
            field: "cache_write", notes: &notes)

        let (sum, overflow) = input.addingReportingOverflow(output)
        if overflow {
            throw UsageMappingError(path: path, message: "prompt_tokens + completion_tokens does not fit in a 64-bit integer")
        }
        let total: Int
        switch usage["total_tokens"] {
        case .number?:
            total = try count(usage, "total_tokens", path) ?? sum
            if total != sum {
                notes.append("provider total_tokens (\(total)) differs from input + output (\(sum)); kept the provider's value")
            }
        case nil:
            total = sum
            notes.append("no total_tokens; used input + output (\(sum))")
        case let other?:
            total = sum
            notes.append("total_tokens was not a number (\(other.typeDescription)); used input + output (\(sum))")
        }

        var cost = UsageCost.zero
        switch usage["cost"] {
        case .number(let n)? where n.doubleValue.isFinite && !n.isNegative:
            cost.total = n.doubleValue
            notes.append("cost.total is the provider's cost (\(n.text)); its breakdown is not reported")
        case nil, .null?:
            break
        case let other?:
            notes.append("provider cost is not a non-negative number (\(other.typeDescription)); cost values are 0")
        }

        return NormalizedUsage(
            usage: Usage(input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite, totalTokens: total, cost: cost),
            diagnostics: notes)
    }

    /// The first field that is present wins; a disagreement with the other is noted.
    private static func precedence(explicit: (JSONObject, String, String), details: (JSONObject, String, String)?,
                                   field: String, notes: inout [String]) throws -> Int {
        let first = try count(explicit.0, explicit.1, explicit.2)
        let second = try details.flatMap { try count($0.0, $0.1, $0.2) }
        let detailsKey = "prompt_tokens_details.\(details?.1 ?? "")"
        switch (first, second) {
        case let (a?, b?):
            if a != b {
                notes.append("\(explicit.1) (\(a)) and \(detailsKey) (\(b)) disagree; \(field) uses \(explicit.1)")
            }
            return a
        case let (a?, nil):
            return a
        case let (nil, b?):
            notes.append("\(field) from \(detailsKey) (\(b))")
            return b
        case (nil, nil):
            return 0
        }
    }

    /// Anthropic's native usage counts `input_tokens` net of cache reads, so taking it as `input`
    /// would silently give the very semantics the contract exists to rule out.
    private static func missingHint(_ usage: JSONObject, native: String) -> String {
        usage[native] == nil
            ? "missing"
            : "missing (\(native) is Anthropic's native shape, which is not provider-raw OpenAI-compatible usage)"
    }

    /// A token count: nil when absent or null, else a non-negative 64-bit integer or an error.
    static func count(_ object: JSONObject, _ key: String, _ path: String) throws -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        if let problem = UsageContract.checkTokenCount(value, path: "\(path).\(key)").first {
            throw UsageMappingError(path: problem.path, message: problem.message)
        }
        return value.numberValue?.intValue
    }

    private static func object(_ object: JSONObject, _ key: String, _ path: String) throws -> JSONObject? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let o)?: return o
        case let other?: throw UsageMappingError(path: "\(path).\(key)", message: "expected an object, got \(other.typeDescription)")
        }
    }
}
