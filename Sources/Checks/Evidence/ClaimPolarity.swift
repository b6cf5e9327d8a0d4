import Foundation

/// Decides whether the clause around a criterion's match states the thing as done, or negates
/// it, or only plans it. Per clause, not per unit: "add retries; provider total_tokens is not
/// used yet" negates the second clause only, and "the overflow check no longer adds
/// `cache_read`" is a positive claim that uses a negative word (the negation falls on the old
/// behaviour, named by a verb of adding or folding in).
public enum ClaimPolarity {
    /// nil when the claim counts; `.negated` or `.intent` when it does not.
    public static func judge(_ text: String, match: NSRange) -> Rejection? {
        let ns = text as NSString
        let full = NSRange(location: 0, length: ns.length)
        if Cue.intentLabel.firstMatch(in: text, range: full) != nil { return .intent }

        let clause = Clauses.strong(ns, around: match)
        if clause.opener == .contrast { return .negated }
        let scope = Clauses.negationScope(ns, clause: clause.range, match: match)
        if scope.contrasted { return .negated }
        if let found = cues(ns, negation: scope.range, intent: clause.range) { return found }
        // What governs the clause from outside it: the sentence a bracket elaborates, a short
        // label before a colon ("Not done: …"), or a negated predicate after a dash or colon
        // ("… — not in this release").
        for outer in clause.outer {
            if let found = cues(ns, negation: outer, intent: outer) { return found }
        }
        if let next = clause.following, Clauses.negatedPredicate.firstMatch(in: text, range: next) != nil { return .negated }
        let clauseText = ns.substring(with: clause.range).trimmingCharacters(in: .whitespaces)
        if clauseText.hasSuffix("?") || Clauses.questionFollows(ns, clause: clause.range) { return .intent }
        return nil
    }

    private static func cues(_ ns: NSString, negation: NSRange, intent: NSRange) -> Rejection? {
        if Cue.unfinished.firstMatch(in: ns as String, range: negation) != nil { return .negated }
        for cue in Cue.negation.matches(in: ns as String, range: negation) where !neutralised(ns, cue: cue, within: negation) {
            return .negated
        }
        if Cue.intent.firstMatch(in: ns as String, range: intent) != nil { return .intent }
        return nil
    }

    /// A negation whose next few words are a verb of adding, folding or counting in negates the
    /// old behaviour, which is the fix ("no longer adds cache_read", "stop folding reasoning").
    static func neutralised(_ ns: NSString, cue: NSTextCheckingResult, within scope: NSRange) -> Bool {
        let end = cue.range.location + cue.range.length
        let tail = NSRange(location: end, length: max(0, scope.location + scope.length - end))
        return Cue.removal.firstMatch(in: ns as String, range: tail) != nil
    }

    enum Cue {
        static func regex(_ pattern: String) -> NSRegularExpression {
            // The patterns are constants; a typo is a programming error caught by every test run.
            try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        }

        /// A unit that opens with a label of intent is intent as a whole.
        static let intentLabel = regex(#"^[\s\-*+>\d.)]*\[?(?:todo|fixme|wip|tbd|xxx)\b|^[\s\-*+>\d.)]*\[?(?:planned|plan|plans|known issues?|known bugs?|known limitations?|roadmap|next|upcoming|future|coming soon|in progress|pending|proposal|idea|ideas|not yet released|draft)\s*[\]:)]"#)

        /// Negations that a verb of the old behaviour after them can turn into the fix itself.
        static let negation = regex(
            #"\bnot\b(?!\s+(?:only|just)\b)|n['’]t\b|\bnever\b|\bnor\b|\bcannot\b|\bno\b(?!\s*(?:longer|more|\+|`\+|-))|\bno\s+(?:longer|more)\b|\bwithout\b|\brevert(?:s|ed|ing)?\b|\broll(?:s|ed)?\s*back\b|\bdisabl(?:e|es|ed|ing)\b|\b(?:remov|drop)(?:e|es|ed|ped|ping|ing|s)?\s+(?:the\s+|its\s+|our\s+)?support\b"#)

        /// Words that say the thing is not finished, whatever follows ("still adds", "yet to").
        static let unfinished = regex(
            #"\bstill\b|\byet\b|\bfail(?:s|ed|ing)?\s+to\b|\bunsupported\b|\b(?:stays?|remains?|left|always)\s+(?:at\s+)?(?:zero|0|empty|unset|null|none)\b"#)

        static let intent = regex(
            #"\b(?:todo|fixme|wip|tbd|planned|plans?\s+to|planning|will|shall|should|going\s+to|intend(?:s|ed)?|roadmap|upcoming|next\s+(?:release|version|minor|patch)|in\s+a\s+future|future\s+(?:release|version)|eventually|soon|would|could|might|propos(?:e|ed|al)|consider(?:ing)?|hopefully|want\s+to|needs?\s+to|pending|someday|follow[- ]up)\b|['’]ll\b"#)

        /// Verbs of the old behaviour, up to four words after a negation.
        static let removal = regex(
            #"^\W*(?:(?!yet\b|still\b)[\w`'’.]+\W+){0,3}?`?(?:add|adds|added|adding|addition|fold|folds|folded|folding|includ\w*|count\w*|double[- ]?count\w*|subtract\w*|sum|sums|summ\w*|net|inflat\w*|mix\w*|combin\w*|re-?comput\w*|comput\w*|calculat\w*|deriv\w*|overwrit\w*|overrid\w*|discard\w*|ignor\w*|dropp?\w*|zero\w*|\+)\b"#)
    }
}

/// Clause boundaries of one unit.
enum Clauses {
    static let strongBoundary = ClaimPolarity.Cue.regex(
        #";|[.!?](?=\s|$)|[()\[\]]|:(?=\s)|\s(?:but|however|whereas|although|though|except)\b|\s[—–]\s|\s--?\s|\b(?:instead\s+of|rather\s+than)\b"#)

    enum Opener { case start, plain, contrast, bracket, colon }

    struct Clause {
        var range: NSRange
        var opener: Opener
        /// The enclosing sentence of a bracketed clause (before and after the brackets), and a
        /// short label before a colon.
        var outer: [NSRange]
        /// The clause after a dash, colon or bracket that follows this one.
        var following: NSRange?
    }

    /// The strong clause holding the end of the match (a pattern's key words come last; its
    /// filler may reach back over a boundary): between sentence ends, semicolons, brackets,
    /// colons and words like "but".
    static func strong(_ ns: NSString, around match: NSRange) -> Clause {
        let all = NSRange(location: 0, length: ns.length)
        let anchor = max(match.location, match.location + match.length - 1)
        var segments: [(range: NSRange, opener: Opener, closer: String)] = []
        var start = 0
        var opener = Opener.start
        for b in strongBoundary.matches(in: ns as String, range: all) {
            let text = ns.substring(with: b.range).lowercased()
            segments.append((NSRange(location: start, length: b.range.location - start), opener, text))
            start = b.range.location + b.range.length
            if text.contains("instead") || text.contains("rather") {
                opener = .contrast
            } else if text == "(" || text == "[" {
                opener = .bracket
            } else if text.hasPrefix(":") {
                opener = .colon
            } else {
                opener = .plain
            }
        }
        segments.append((NSRange(location: start, length: ns.length - start), opener, ""))
        let k = segments.firstIndex { $0.range.location + $0.range.length > anchor } ?? segments.count - 1
        var clause = Clause(range: segments[k].range, opener: segments[k].opener, outer: [], following: nil)
        func isLabel(_ j: Int) -> Bool {
            j >= 0 && ns.substring(with: segments[j].range).split(whereSeparator: { $0 == " " }).count <= 4
        }
        var j = k
        if segments[k].opener == .bracket {
            // The sentence the bracket sits in: before it, and after it closes.
            j = k - 1
            while j > 0, segments[j].opener == .bracket { j -= 1 }
            clause.outer.append(segments[j].range)
            if segments[k].closer == ")" || segments[k].closer == "]", k + 1 < segments.count {
                clause.outer.append(segments[k + 1].range)
            }
        }
        if segments[j].opener == .colon, isLabel(j - 1) { clause.outer.append(segments[j - 1].range) }
        let closer = segments[k].closer
        if k + 1 < segments.count, closer == ":" || closer == "(" || closer.contains("—") || closer.contains("–") || closer.contains("-") {
            clause.following = segments[k + 1].range
        }
        return clause
    }

    /// Words that name delivery: ", not implemented", ", not yet supported" negate what is
    /// before the comma; ", not input + cache_read" only sets an alternative apart.
    static let negatedPredicate = ClaimPolarity.Cue.regex(
        #"^\s*(?:and\s+|which\s+|that\s+)?(?:is\s+|are\s+|was\s+|were\s+)?(?:still\s+)?(?:not|never|n['’]t)\s+(?:yet\b|(?:\w+\s+)?(?:implemented|supported|done|used|parsed|handled|working|available|wired|applied|fixed|shipped|released|merged|enabled|honou?red|respected|read|finished|complete|landed)\b|in\s+(?:this|the\s+current|0\.[\d.]+)\s+release\b|(?:part|included)\b)|^\s*(?:not\s+yet|yet\s+to|still\s+(?:not|missing|broken|todo|pending))\b"#)
    static let contrastComma = ClaimPolarity.Cue.regex(#"^\s*(?:and\s+|but\s+)?(?:not|never)\s"#)

    /// Where a negation counts: the comma-separated parts of the clause that hold the match, plus
    /// a following part that is a negated predicate. `contrasted`: the match is in the part after
    /// ", not" that sets an alternative apart.
    static func negationScope(_ ns: NSString, clause: NSRange, match: NSRange) -> (range: NSRange, contrasted: Bool) {
        var parts: [NSRange] = []
        var start = clause.location
        let end = clause.location + clause.length
        var k = start
        while k < end {
            if ns.character(at: k) == 0x2C { // ","
                parts.append(NSRange(location: start, length: k - start))
                start = k + 1
            }
            k += 1
        }
        parts.append(NSRange(location: start, length: end - start))
        let matchEnd = match.location + match.length
        guard let first = parts.firstIndex(where: { $0.location + $0.length > match.location }) else { return (clause, false) }
        let last = parts.lastIndex(where: { $0.location < matchEnd }) ?? first
        var scopeEnd = parts[last].location + parts[last].length
        if last + 1 < parts.count, negatedPredicate.firstMatch(in: ns as String, range: parts[last + 1]) != nil {
            scopeEnd = parts[last + 1].location + parts[last + 1].length
        }
        let contrasted = first > 0 && contrastComma.firstMatch(in: ns as String, range: parts[first]) != nil
            && negatedPredicate.firstMatch(in: ns as String, range: parts[first]) == nil
        return (NSRange(location: parts[first].location, length: scopeEnd - parts[first].location), contrasted)
    }

    /// "Prefer provider total_tokens?" — a question is not a claim.
    static func questionFollows(_ ns: NSString, clause: NSRange) -> Bool {
        let end = clause.location + clause.length
        return end < ns.length && ns.character(at: end) == 0x3F
    }
}
