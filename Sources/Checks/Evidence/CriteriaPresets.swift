/// Built-in criteria sets. Patterns are matched per changelog entry or commit-message line,
/// case-insensitively, and written for the ways maintainers actually say these things: terse
/// one-liners ("Align usage semantics with provider raw tokens"), bullet lists, and code spans
/// (`usage.input`, `total_tokens`, `cache_read_input_tokens`).
public enum CriteriaPresets {
    public static let all: [String: [CriterionSpec]] = ["usage-semantics": usageSemantics]

    public static let usageSemantics: [CriterionSpec] = [
        CriterionSpec(
            id: "provider-raw",
            title: "provider-raw input/output",
            patterns: [
                #"(?i)provider[- _]?raw"#,
                #"(?i)\binput\b\W{0,3}(=|:|->|→|maps? to|from|is)\W{0,3}`?prompt_tokens"#,
                #"(?i)\boutput\b\W{0,3}(=|:|->|→|maps? to|from|is)\W{0,3}`?completion_tokens"#,
                #"(?i)\braw\W+(\w+\W+){0,2}(input|prompt)\W+(\w+\W+){0,1}(output|completion)"#,
            ]),
        CriterionSpec(
            id: "total-tokens",
            title: "provider total_tokens support",
            patterns: [
                #"(?i)(provider|upstream|reported|response)\W+(\w+\W+){0,4}`?total[_ ]tokens"#,
                #"(?i)`?total[_ ]tokens`?\W+(\w+\W+){0,6}(provider|preserv|prefer|kept|keep|when present|if present)"#,
                #"(?i)(prefer|preserve|keep|use|support|honou?r|respect)s?\W+(\w+\W+){0,3}`?total_tokens"#,
            ]),
        CriterionSpec(
            id: "cache-fields",
            title: "cache read/write field parsing",
            patterns: [
                #"(?i)cache_(read|creation)_input_tokens"#,
                #"(?i)\bcached_tokens\b"#,
                #"(?i)cache[_ ]write[_ ]tokens"#,
                #"(?i)cache\W?(read|write)\s*/\s*(read|write)"#,
                #"(?i)(pars|read|map|extract|populat)\w*\W+(\w+\W+){0,3}cache\W?(read|write|creation|fields?)"#,
                #"(?i)cache\W?(read|write|creation)\W+(\w+\W+){0,3}(pars|read|map|extract|populat)"#,
            ]),
        CriterionSpec(
            id: "overflow-input-only",
            title: "overflow check on input only",
            patterns: [
                #"(?i)overflow\W+(\w+\W+){0,8}(input`?[- ]only|only\W+(\w+\W+){0,2}`?input|no\W+\+?\W*`?cache_?read|without\W+(\w+\W+){0,2}cache)"#,
                #"(?i)(input`?[- ]only|only\W+(\w+\W+){0,2}`?input)\W+(\w+\W+){0,6}overflow"#,
                #"(?i)overflow\W+(\w+\W+){0,8}(drop|remov|no longer)\w*\W+(\w+\W+){0,3}cache_?read"#,
            ]),
    ]
}
