import Support
/// Runs one contract case against the usage library and says how it failed, if it did.
enum ContractCaseEvaluator {
    static func evaluate(_ c: ContractCase) -> String? {
        switch c.kind {
        case .normalize: return normalize(c)
        case .validate: return validate(c)
        case .overflow: return overflow(c)
        case .capture: return capture(c)
        case .parity: return parity(c)
        }
    }

    /// Compares an outcome that may be an error with `expect.error`; nil when the error part agrees
    /// and there is nothing more to check.
    private static func expectedError(_ c: ContractCase, got error: Error?) -> String?? {
        let wanted = c.expect["error"]?.stringValue
        switch (wanted, error) {
        case let (w?, e?):
            return .some("\(e)".contains(w) ? nil : "expected an error containing \"\(w)\", got \"\(e)\"")
        case let (w?, nil):
            return .some("expected an error containing \"\(w)\", got success")
        case let (nil, e?):
            return .some("unexpected error: \(e)")
        case (nil, nil):
            return .none
        }
    }

    private static func normalize(_ c: ContractCase) -> String? {
        let result: Result<NormalizedUsage, Error> = Result { try ProviderUsage.normalize(try c.inputValue()) }
        let normalized: NormalizedUsage
        switch result {
        case .failure(let e):
            if let verdict = expectedError(c, got: e) { return verdict }
            return nil
        case .success(let n):
            if let verdict = expectedError(c, got: nil) { return verdict }
            normalized = n
        }
        if let expected = c.expect["usage"] {
            let want: Usage
            do {
                want = try UsageContract.decode(expected, path: "expect.usage")
            } catch {
                return "the case's expect.usage is not canonical: \(error)"
            }
            if want != normalized.usage {
                return "expected \(JSONWriter.string(want.json, pretty: false)), got \(JSONWriter.string(normalized.usage.json, pretty: false))"
            }
        }
        for wanted in c.expect["diagnostics"]?.arrayValue ?? [] {
            let text = wanted.stringValue ?? JSONWriter.string(wanted, pretty: false)
            if !normalized.diagnostics.contains(where: { $0.contains(text) }) {
                return "no diagnostic contains \"\(text)\" (got: \(normalized.diagnostics.joined(separator: " | ")))"
            }
        }
        return nil
    }

    private static func validate(_ c: ContractCase) -> String? {
        let value: JSONValue
        do {
            value = try c.inputValue()
        } catch {
            return expectedError(c, got: error) ?? "unexpected success"
        }
        if let verdict = expectedError(c, got: nil) { return verdict }
        let actual = UsageContract.check(value).map { "\($0.path) \($0.kind.rawValue)" }
        let expected = (c.expect["violations"]?.arrayValue ?? []).map {
            "\($0["path"]?.stringValue ?? "?") \($0["kind"]?.stringValue ?? "?")"
        }
        if actual.sorted() != expected.sorted() {
            return "expected violations [\(expected.sorted().joined(separator: ", "))], got [\(actual.sorted().joined(separator: ", "))]"
        }
        return nil
    }

    private static func overflow(_ c: ContractCase) -> String? {
        do {
            let input = try c.inputValue()
            let usage = try UsageContract.decode(input["usage"] ?? .null, path: "input.usage")
            guard let window = input["context_window"]?.numberValue?.intValue else {
                return "the case's input.context_window must be an integer"
            }
            guard case .bool(let want)? = c.expect["overflow"] else { return "the case's expect.overflow must be a boolean" }
            let got = ContextOverflow.isSilentOverflow(usage, contextWindow: window)
            return got == want ? nil : "expected overflow \(want), got \(got)"
        } catch {
            return "bad case input: \(error)"
        }
    }

    private static func capture(_ c: ContractCase) -> String? {
        let capture: RunCapture
        do {
            capture = try CaptureReader.parse(c.inputText, file: c.name)
        } catch {
            return expectedError(c, got: error) ?? "unexpected success"
        }
        if let verdict = expectedError(c, got: nil) { return verdict }
        if let source = c.expect["source"]?.stringValue, source != capture.source.kind {
            return "expected the final assistant message from \(source), got \(capture.source)"
        }
        if let count = c.expect["event_count"]?.numberValue?.intValue, count != capture.eventCount {
            return "expected \(count) events, got \(capture.eventCount)"
        }
        return nil
    }

    private static func parity(_ c: ContractCase) -> String? {
        let report: ParityReport
        do {
            guard case .object(let pair) = try c.inputValue(), pair.members.count == 2 else {
                return "the case's input must be an object of two named captures"
            }
            let sides = try pair.members.map { m in
                NamedCapture(name: m.key, capture: try CaptureReader.parse(JSONWriter.string(m.value, pretty: false), file: m.key))
            }
            report = ParitySuite.compare(sides[0], sides[1])
        } catch {
            return "unexpected error: \(error)"
        }
        if let verdict = c.expect["verdict"]?.stringValue, verdict != report.verdict {
            return "expected verdict \(verdict), got \(report.verdict) (\(report.violations.map(\.description).joined(separator: "; ")))"
        }
        if let wanted = c.expect["violations"]?.arrayValue {
            let got = report.violations.map { "\($0.capture ?? "-") \($0.kind.rawValue)" }.sorted()
            let want = wanted.map { "\($0["capture"]?.stringValue ?? "-") \($0["kind"]?.stringValue ?? "?")" }.sorted()
            if got != want {
                return "expected violations [\(want.joined(separator: ", "))], got [\(got.joined(separator: ", "))]"
            }
        }
        return nil
    }
}
