import Foundation

/// Decides whether the clause around a criterion's match states the thing as done, or negates
/// it, or only plans it. Per clause, not per unit: "add retries; provider total_tokens is not
/// used yet" negates the second clause only, and "the overflow check no longer adds
/// `cache_read`" is a positive claim that uses a negative word (the negation falls on the old
/// behaviour, named by a verb of adding or folding in).
public enum ClaimPolarity {
    /// nil when the claim counts; `.negated` or `.intent` when it does not.
    public static func judge(_ text: String, match: NSRange) -> Rejection? {
        judge(ClaimText(text), match: match)
    }

    /// The same, for a claim read once for every match and criterion judged in it.
    public static func judge(_ ns: ClaimText, match: NSRange) -> Rejection? {
        if ns.intentLabelled { return .intent }

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
        if let next = clause.following, Clauses.negatedPredicate.firstMatch(in: ns.string, range: next) != nil { return .negated }
        if Clauses.endsWithQuestionMark(ns, clause: clause.range) { return .intent }
        return nil
    }

    private static func cues(_ ns: ClaimText, negation: NSRange, intent: NSRange) -> Rejection? {
        func inside(_ cue: NSRange, _ scope: NSRange) -> Bool {
            cue.location >= scope.location && cue.location + cue.length <= scope.location + scope.length
        }
        if ns.cues.contains(where: { $0.kind == .unfinished && inside($0.range, negation) }) { return .negated }
        for cue in ns.cues where cue.kind == .negation && inside(cue.range, negation) && !neutralised(ns, cue: cue.range, within: negation) {
            return .negated
        }
        if ns.cues.contains(where: { $0.kind == .intent && inside($0.range, intent) }) { return .intent }
        return nil
    }

    /// A negation whose next few words are a verb of adding, folding or counting in negates the
    /// old behaviour, which is the fix ("no longer adds cache_read", "stop folding reasoning").
    static func neutralised(_ ns: ClaimText, cue: NSRange, within scope: NSRange) -> Bool {
        let end = cue.location + cue.length
        let tail = NSRange(location: end, length: max(0, scope.location + scope.length - end))
        return Cue.removal.firstMatch(in: ns.string, range: tail) != nil
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
    static func strong(_ ns: ClaimText, around match: NSRange) -> Clause {
        let anchor = max(match.location, match.location + match.length - 1)
        var segments: [(range: NSRange, opener: Opener, closer: String)] = []
        var start = 0
        var opener = Opener.start
        for b in ns.boundaries {
            let text = ns.substring(with: b).lowercased()
            segments.append((NSRange(location: start, length: b.location - start), opener, text))
            start = b.location + b.length
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
            j >= 0 && words(ns, in: segments[j].range) <= 4
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
    static func negationScope(_ ns: ClaimText, clause: NSRange, match: NSRange) -> (range: NSRange, contrasted: Bool) {
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
        if last + 1 < parts.count, negatedPredicate.firstMatch(in: ns.string, range: parts[last + 1]) != nil {
            scopeEnd = parts[last + 1].location + parts[last + 1].length
        }
        let contrasted = first > 0 && contrastComma.firstMatch(in: ns.string, range: parts[first]) != nil
            && negatedPredicate.firstMatch(in: ns.string, range: parts[first]) == nil
        return (NSRange(location: parts[first].location, length: scopeEnd - parts[first].location), contrasted)
    }

    /// "Prefer provider total_tokens?" — a question is not a claim: the clause's last visible
    /// character, or the boundary right after it, is a question mark.
    static func endsWithQuestionMark(_ ns: ClaimText, clause: NSRange) -> Bool {
        let end = clause.location + clause.length
        if end < ns.length, ns.character(at: end) == 0x3F { return true }
        var k = end - 1
        while k >= clause.location, ns.character(at: k) == 0x20 || ns.character(at: k) == 0x09 { k -= 1 }
        return k >= clause.location && ns.character(at: k) == 0x3F
    }

    /// Space-separated words in a range, counted without copying it out.
    static func words(_ ns: ClaimText, in range: NSRange) -> Int {
        var count = 0
        var inWord = false
        for k in range.location..<(range.location + range.length) {
            let space = ns.character(at: k) == 0x20
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}

/// A claim read once for all the matches judged in it: its text as the regexes want it (a Swift
/// String: handing them an NSString costs a copy per call) and as offsets want it (UTF-16,
/// NSRange), with its clause boundaries and its cue words found in one scan each.
public struct ClaimText {
    enum CueKind { case negation, unfinished, intent }

    let string: String
    let ns: NSString
    let intentLabelled: Bool
    let boundaries: [NSRange]
    let cues: [(range: NSRange, kind: CueKind)]

    public init(_ string: String) {
        self.string = string
        ns = string as NSString
        let all = NSRange(location: 0, length: ns.length)
        let words = CueWords(string)
        intentLabelled = words.mayHold(.label) && ClaimPolarity.Cue.intentLabel.firstMatch(in: string, range: all) != nil
        boundaries = Clauses.strongBoundary.matches(in: string, range: all).map(\.range)
        var cues: [(range: NSRange, kind: CueKind)] = []
        for (kind, regex, trigger) in [(CueKind.negation, ClaimPolarity.Cue.negation, CueWords.Class.negation),
                                       (.unfinished, ClaimPolarity.Cue.unfinished, .unfinished), (.intent, ClaimPolarity.Cue.intent, .intent)]
            where words.mayHold(trigger) {
            cues += regex.matches(in: string, range: all).map { ($0.range, kind) }
        }
        self.cues = cues
    }

    var length: Int { ns.length }
    func character(at index: Int) -> unichar { ns.character(at: index) }
    func substring(with range: NSRange) -> String { ns.substring(with: range) }
}

/// The lower-case letter runs of a claim, to skip a cue regex when none of the words it needs is
/// there (ICU tries every alternative at every position: most claims have no cue at all). A
/// pre-filter only: each regex still decides, so a word listed here never makes a cue.
struct CueWords {
    enum Class: Int { case negation, unfinished, intent, label }

    /// Which classes the claim's words may trigger, found in one pass over its letters.
    private var found: Set<Class> = []

    init(_ text: String) {
        var word = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        var afterApostrophe = false
        func close() {
            guard !word.isEmpty else { return }
            let w = String(word)
            if afterApostrophe {
                if w.hasPrefix("t") { found.insert(.negation) }
                if w.hasPrefix("ll") { found.insert(.intent) }
            }
            if let classes = Self.exact[w] { found.formUnion(classes) }
            for (stem, kind) in Self.stems where w.hasPrefix(stem) { found.insert(kind) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let letter: Unicode.Scalar?
            if (0x61...0x7A).contains(v) {
                letter = scalar
            } else if (0x41...0x5A).contains(v) {
                letter = Unicode.Scalar(v + 0x20)
            } else if v >= 0x80, scalar.properties.isAlphabetic {
                letter = scalar  // no cue word is spelled with it; it only keeps the word whole
            } else {
                letter = nil
            }
            if let letter {
                if word.isEmpty { afterApostrophe = previous == "'" || previous == "\u{2019}" }
                word.append(letter)
            } else {
                close()
            }
            previous = scalar
        }
        close()
    }

    static let exact: [String: Set<Class>] = {
        var index: [String: Set<Class>] = [:]
        let lists: [(Class, [String])] = [
            (.negation, ["not", "never", "nor", "cannot", "no", "without", "rollback"]),
            (.unfinished, ["still", "yet", "unsupported", "stay", "stays", "remain", "remains", "left", "always"]),
            (.intent, ["todo", "fixme", "wip", "tbd", "will", "shall", "should", "going", "roadmap", "upcoming", "next", "future",
                       "eventually", "soon", "would", "could", "might", "hopefully", "want", "need", "needs", "pending", "someday", "follow"]),
            (.label, ["todo", "fixme", "wip", "tbd", "xxx", "known", "roadmap", "next", "upcoming", "future", "coming", "in", "pending",
                      "idea", "ideas", "not", "draft"]),
        ]
        for (kind, words) in lists { for w in words { index[w, default: []].insert(kind) } }
        return index
    }()

    static let stems: [(String, Class)] = [
        ("revert", .negation), ("roll", .negation), ("disabl", .negation), ("remov", .negation), ("drop", .negation),
        ("fail", .unfinished), ("plan", .intent), ("intend", .intent), ("propos", .intent), ("consider", .intent),
        ("plan", .label), ("propos", .label),
    ]

    func mayHold(_ kind: Class) -> Bool { found.contains(kind) }
}
