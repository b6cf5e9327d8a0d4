/// Built-in criteria sets. Patterns are matched per claim (a changelog bullet, a commit subject,
/// bullet or paragraph), case-insensitively, and written for the ways maintainers actually say
/// these things: terse one-liners ("Align usage semantics with provider raw tokens"), bullet
/// lists, code spans (`usage.input`, `total_tokens`, `cache_read_input_tokens`) and paraphrase.
/// Each criterion names the words every one of its patterns needs (`keywords`), so a claim
/// without them is passed over without running a regex.
public enum CriteriaPresets {
    public static let all: [String: [CriterionSpec]] = ["usage-semantics": usageSemantics]

    public static let usageSemantics: [CriterionSpec] = [
        CriterionSpec(
            id: "provider-raw",
            title: "provider-raw input/output",
            patterns: [
                #"(?i)provider[- _]?raw"#,
                #"(?i)\binput\b`?\W{0,3}(?:\w+\W+){0,2}?(=|:|->|→|maps? to|mapped to|from|is|are)\W{0,3}(?:(?:the|exactly|now|just|simply|always)\W+)*(?:\w+['’]s\W+)?(?:raw\W+)?`?(?:\w+\.)?prompt_tokens"#,
                #"(?i)\boutput\b`?\W{0,3}(?:\w+\W+){0,2}?(=|:|->|→|maps? to|mapped to|from|is|are)\W{0,3}(?:(?:the|exactly|now|just|simply|always)\W+)*(?:\w+['’]s\W+)?(?:raw\W+)?`?(?:\w+\.)?completion_tokens"#,
                #"(?i)`?prompt_tokens`?\W{0,3}(?:->|→|as|to|into)\W{0,3}`?(?:usage\.)?input\b"#,
                #"(?i)\braw\W+(\w+\W+){0,2}(input|prompt)\W+(\w+\W+){0,1}(output|completion)"#,
                #"(?i)\braw\W+(?:\w+\W+){0,2}`?(?:prompt|completion)_tokens"#,
                #"(?i)provider['’]?s?\W+(?:\w+\W+){0,1}`?(?:prompt|completion)_tokens"#,
                #"(?i)provider['’]s\W+raw\W+(?:token|usage|count|value|number|prompt|completion|input|output)|\braw\W+(?:provider\W+)?(?:token\W+)?(?:counts|values|numbers)\b"#,
            ],
            keywords: ["raw", "prompt_tokens", "completion_tokens"]),
        CriterionSpec(
            id: "total-tokens",
            title: "provider total_tokens support",
            patterns: [
                #"(?i)(provider|upstream|report(?:s|ed)?|response|api)\W+(\w+\W+){0,4}`?total[_ ]tokens"#,
                #"(?i)`?total[_ ]tokens`?\W+(\w+\W+){0,6}(provider|api|preserv|prefer|kept|keep|when present|if present|pass(?:ed)? through)"#,
                #"(?i)(prefer|preserve|keep|use|support|honou?r|respect|pass through|trust)s?\W+(\w+\W+){0,3}`?total_tokens"#,
            ],
            keywords: ["total"]),
        CriterionSpec(
            id: "cache-fields",
            title: "cache read/write field parsing",
            patterns: [
                #"(?i)cache_(read|creation)_input_tokens"#,
                #"(?i)\bcached_tokens\b"#,
                #"(?i)cache[_ ]write[_ ]tokens"#,
                #"(?i)cache\W?(read|write)\s*/\s*(read|write)"#,
                #"(?i)(pars|read|map|extract|populat)\w*\W+(\w+\W+){0,6}?`?(?:usage(?:::|\.))?cache[\W_]?(read|write|creation|fields?)"#,
                #"(?i)cache[\W_]?(read|write|creation)\W+(\w+\W+){0,3}(pars|read|map|extract|populat)"#,
            ],
            keywords: ["cache"]),
        CriterionSpec(
            id: "overflow-input-only",
            title: "overflow check on input only",
            patterns: [
                #"(?i)overflow\W+(\w+\W+){0,12}?(input`?[- ]only|input`?\s+alone|only\W+(\w+\W+){0,2}`?input|no\W+\+?\W*`?cache_?read)"#,
                #"(?i)(input`?[- ]only|only\W+(\w+\W+){0,2}`?input)\W+(\w+\W+){0,6}overflow"#,
                #"(?i)overflow\W+(\w+\W+){0,8}(drop|remov|no longer|stop)\w*\W+(\w+\W+){0,3}cache_?read"#,
                #"(?i)(?:not|n['’]t|never|stop\w*|no longer)\s+(?:be\s+)?(?:add|count|double[- ]?count|includ)\w*\W+(?:\w+\W+){0,2}?`?(?:cache_?read|cached)\W+(?:\w+\W+){0,8}?overflow"#,
                #"(?i)(?:cache_?read|cached\W+(?:\w+\W+)?tokens)`?\W+(?:\w+\W+){0,2}?(?:no longer|not|never)\s+(?:be\s+)?(?:add|count|includ)\w*\W+(?:\w+\W+){0,8}?overflow"#,
                #"(?i)only\W+`?input`?\W+(?:\w+\W+){0,2}?(?:counts?|is\s+compared|is\s+checked)\W+(?:\w+\W+){0,3}?context\s+(?:window|limit|length|size)"#,
            ],
            keywords: ["overflow", "context"]),
    ]
}
