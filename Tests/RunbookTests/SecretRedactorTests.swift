@testable import Support
import Foundation
@testable import Git
@testable import Runbook
import Testing

@Suite struct SecretRedactorTests {
    /// git's push messages, the GitHub client, HTTP errors and URL credentials all redact
    /// through this redactor: one placeholder, and the encoded forms too (git used to write
    /// `[token]` and miss the base64 form).
    @Test func everyRedactionSpellsThePlaceholderTheSameWay() {
        let token = "ghp_unnamed0123"
        let header = "Basic " + Data("x-access-token:\(token)".utf8).base64EncodedString()
        #expect(PushSession(token: token).redact("refused \(token) and \(header)") == "refused [redacted] and Basic [redacted]")
        #expect(SecretRedactor(secrets: [(name: nil, value: token)]).redact("a \(token) b") == "a [redacted] b")
        #expect(SecretRedactor(secrets: [(name: "GH_TOKEN", value: token)]).redact("a \(token) b") == "a [redacted:GH_TOKEN] b")
        #expect(URLCredentials.redacted("https://me:\(token)@h/x") == "https://\(SecretRedactor.placeholder(nil))@h/x")
    }

    @Test func valuesOfSecretLookingVariablesAreReplaced() {
        let r = SecretRedactor(environment: [
            "GITHUB_TOKEN": "ghp_abcdef123456",
            "OPENROUTER_API_KEY": "sk-or-v1-secret",
            "DB_PASSWORD": "hunter22",
            "client_secret": "shh-quiet",
            "HOME": "/root",
            "SHORT_KEY": "ab",
        ])
        let log = "push with ghp_abcdef123456 to /root; key=sk-or-v1-secret pw=hunter22 s=shh-quiet ab"
        #expect(r.redact(log) == "push with [redacted:GITHUB_TOKEN] to /root; key=[redacted:OPENROUTER_API_KEY] pw=[redacted:DB_PASSWORD] s=[redacted:client_secret] ab")
    }

    @Test func aSecretContainingAnotherIsReplacedWhole() {
        let r = SecretRedactor(environment: ["A_TOKEN": "abcd", "B_TOKEN": "xxabcdxx"])
        #expect(r.redact("xxabcdxx abcd") == "[redacted:B_TOKEN] [redacted:A_TOKEN]")
    }

    @Test func credentialsInAURLAreRedactedWithoutAnyVariableNamingThem() {
        // A remote set to https://x-access-token:…@ by hand: the token is in no variable.
        let r = SecretRedactor(environment: ["GITHUB_TOKEN": "ghp_abcdef123456"])
        #expect(r.redact("cannot push to origin (https://x-access-token:ghs_other999@github.com/o/r.git) with ghp_abcdef123456")
            == "cannot push to origin (https://[redacted]@github.com/o/r.git) with [redacted:GITHUB_TOKEN]")
    }

    @Test func noSecretsLeavesTextAlone() {
        let r = SecretRedactor(environment: ["PATH": "/usr/bin"])
        #expect(r.isEmpty)
        #expect(r.redact("/usr/bin") == "/usr/bin")
    }
}

/// The forms a token really travels in: base64 behind any prefix (the `http.extraheader`
/// `AUTHORIZATION: basic base64("x-access-token:TOKEN")`), percent-encoded, split by a line
/// break, and split between two pieces of streamed output.
@Suite struct SecretFormTests {
    static let token = "ghp_Z9yX8wV7uT6sR5qP4oN3mL2kJ1hG0f"
    static let special = "p@ss w+rd/\u{fc}:%25?&=#x"
    static let r = SecretRedactor(environment: ["GITHUB_TOKEN": token, "DB_PASSWORD": special])

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// The redacted text is `before[redacted:NAME]after`, where the parts left hold no more than
    /// the characters that carry the prefix's and suffix's bits, one mixed character at each
    /// end and the padding.
    func expectBase64Redacted(prefix: String, suffix: String, _ name: String = "GITHUB_TOKEN", value: String = token,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let encoded = Self.base64(prefix + value + suffix)
        let out = Self.r.redact("AUTHORIZATION: basic \(encoded)\n")
        let placeholder = "[redacted:\(name)]"
        let parts = out.components(separatedBy: placeholder)
        #expect(parts.count == 2, "\(prefix.debugDescription) \(suffix.debugDescription): \(out)", sourceLocation: sourceLocation)
        guard parts.count == 2 else { return }
        let before = parts[0].dropFirst("AUTHORIZATION: basic ".count).count
        let after = parts[1].count - 1
        let (p, s) = (prefix.utf8.count, suffix.utf8.count)
        #expect(before <= (4 * p + 2) / 3, "\(prefix.debugDescription): \(out)", sourceLocation: sourceLocation)
        #expect(after <= (4 * s + 2) / 3 + 1 + 2, "\(suffix.debugDescription): \(out)", sourceLocation: sourceLocation)
    }

    @Test func base64AtEveryAlignmentWhateverThePrefix() {
        // Prefix lengths 0…17 cover each alignment (length mod 3) several times.
        let prefixes = ["", ":", "x:", "abc", "user", "oauth2:", "Bearer ", "x-access-token:", "x-access-token:\u{e9}", "git:", "u:", "pat:",
                        "username:", "github-actions[bot]:", "ab", "a", "token=", "x-oauth-basic:"]
        #expect(Set(prefixes.map { $0.utf8.count % 3 }) == [0, 1, 2])
        for prefix in prefixes {
            for suffix in ["", "\n", ":", "@github.com", "ab"] {
                expectBase64Redacted(prefix: prefix, suffix: suffix)
            }
        }
        // The form CI systems pass to git.
        let header = "AUTHORIZATION: basic \(Self.base64("x-access-token:" + Self.token))"
        #expect(Self.r.redact(header) == "AUTHORIZATION: basic [redacted:GITHUB_TOKEN]")
    }

    @Test func base64OfAValueWithSpecialCharactersAndURLSafeBase64() {
        for prefix in ["", "a", "ab"] { expectBase64Redacted(prefix: prefix, suffix: "", "DB_PASSWORD", value: Self.special) }
        let urlSafe = Self.base64("a" + Self.special + "b").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        #expect(Self.r.redact(urlSafe).contains("[redacted:DB_PASSWORD]"), "\(urlSafe)")
    }

    @Test func base64WrappedAt76Columns() {
        // `base64` wraps at 76; a long prefix puts the break inside the token's characters.
        for prefix in [String(repeating: "x", count: 40) + "x-access-token:", String(repeating: "y", count: 41), String(repeating: "z", count: 45)] {
            let encoded = Self.base64(prefix + Self.token)
            var wrapped = ""
            for (i, c) in encoded.enumerated() {
                if i > 0 && i % 76 == 0 { wrapped += "\n" }
                wrapped.append(c)
            }
            #expect(wrapped.contains("\n"))
            for text in [wrapped, wrapped.replacingOccurrences(of: "\n", with: "\r\n")] {
                let out = Self.r.redact(text + "\n")
                #expect(out.contains("[redacted:GITHUB_TOKEN]"), "\(out)")
                // What is left is the prefix's characters and at most a mixed one on each side.
                #expect(out.count <= (4 * prefix.count + 2) / 3 + "[redacted:GITHUB_TOKEN]".count + 1 + 2 + 3, "\(out)")
            }
        }
    }

    @Test func percentEncodedInUpperAndLowerCaseAndFormEncoded() {
        let bytes = Array(Self.special.utf8)
        let upper = bytes.map { String(format: "%%%02X", $0) }.joined()
        let lower = bytes.map { String(format: "%%%02x", $0) }.joined()
        let mixed = bytes.enumerated().map { String(format: $0.offset % 2 == 0 ? "%%%02x" : "%%%02X", $0.element) }.joined()
        // As a URL's user-info or query would carry it: unreserved characters left as they are.
        let query = Self.special.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        // Form encoding: a space as `+`, a `+` as `%2B`.
        let form = query.replacingOccurrences(of: "%20", with: "+")
        #expect(form.contains("+") && form.contains("%2B"))
        for encoded in [upper, lower, mixed, query, form, query.lowercased()] {
            #expect(Self.r.redact("https://db/?password=\(encoded)&x=1") == "https://db/?password=[redacted:DB_PASSWORD]&x=1", "\(encoded)")
            #expect(Self.r.redact(bytes: Array("pw=\(encoded)\n".utf8)) == Array("pw=[redacted:DB_PASSWORD]\n".utf8), "\(encoded)")
        }
        // A token percent-encoded whole, as a URL-encoding tool does for a header value.
        let token = Array(Self.token.utf8).map { String(format: "%%%02X", $0) }.joined()
        #expect(Self.r.redact("t=\(token)") == "t=[redacted:GITHUB_TOKEN]")
    }

    @Test func aTokenSplitByALineBreakAtEveryPosition() {
        for value in [Self.token, Self.special] {
            let name = value == Self.token ? "GITHUB_TOKEN" : "DB_PASSWORD"
            let chars = Array(value)
            for i in 1..<chars.count {
                for br in ["\n", "\r\n"] {
                    let split = String(chars[..<i]) + br + String(chars[i...])
                    #expect(Self.r.redact("before \(split) after") == "before [redacted:\(name)] after", "split at \(i)")
                    #expect(Self.r.redact(bytes: Array("x\(split)y".utf8)) == Array("x[redacted:\(name)]y".utf8), "split at \(i)")
                }
            }
        }
        // Wrapped at a fixed column: a break every 10 characters.
        var folded = ""
        for (i, c) in Self.token.enumerated() {
            if i > 0 && i % 10 == 0 { folded += "\n" }
            folded.append(c)
        }
        #expect(Self.r.redact(folded + "\n") == "[redacted:GITHUB_TOKEN]\n")
    }

    @Test func aTokenSplitBetweenTwoStreamedChunksAtEverySplitPoint() {
        let chars = Array(Self.token)
        for i in 1..<chars.count {
            let seen = CollectingObserver()
            let observer = RedactingObserver(inner: seen, redactor: Self.r)
            observer.output("push \(String(chars[..<i]))", source: "qa")
            observer.output("\(String(chars[i...])) done", source: "qa")
            observer.output("next line", source: "qa")
            observer.flush()
            #expect(seen.lines == ["qa: push [redacted:GITHUB_TOKEN] done", "qa: next line"], "split at \(i)")
        }
        // The base64 form too, split at every point of the header line.
        let header = "AUTHORIZATION: basic \(Self.base64("x-access-token:" + Self.token))"
        let headerChars = Array(header)
        for i in "AUTHORIZATION: basic ".count..<headerChars.count {
            let seen = CollectingObserver()
            let observer = RedactingObserver(inner: seen, redactor: Self.r)
            observer.output(String(headerChars[..<i]), source: "qa 2")
            observer.output(String(headerChars[i...]), source: "qa 2")
            observer.stepFinished(.qa, status: .ok, detail: "", seconds: 0)
            let shown = seen.lines.filter { $0.hasPrefix("qa 2: ") }.joined(separator: "\n")
            #expect(shown.contains("[redacted:GITHUB_TOKEN]") && !shown.contains(String(Self.base64("x-access-token:" + Self.token).dropFirst(20).prefix(12))),
                    "split at \(i): \(shown)")
        }
    }

    @Test func streamedLinesAreHeldOnlyWhileTheyMayStartASecretAndAreShownAtTheStepsEnd() {
        let seen = CollectingObserver()
        let observer = RedactingObserver(inner: seen, redactor: Self.r)
        observer.output("compiled 3 files", source: "qa 1")
        #expect(seen.lines == ["qa 1: compiled 3 files"], "a line that cannot start a secret goes out at once")
        observer.output("token ghp_Z9y", source: "qa 1")
        observer.output("other output", source: "qa 2")
        #expect(seen.lines == ["qa 1: compiled 3 files", "qa 2: other output"], "held per source")
        observer.output("ghp_Z9yX is not it", source: "qa 1")
        #expect(seen.lines.suffix(2) == ["qa 1: token ghp_Z9y", "qa 1: ghp_Z9yX is not it"], "shown unchanged once it is not a secret")
        observer.output("the end: ghp_Z9yX8w", source: "qa 1")
        #expect(seen.lines.count == 4)
        observer.stepFinished(.qa, status: .ok, detail: "done", seconds: 1)
        #expect(seen.lines.suffix(2) == ["qa 1: the end: ghp_Z9yX8w", "step qa: done"], "shown before the step's line")
    }

    @Test func streamingLineByLineRedactsExactlyAsTheWholeTextDoes() {
        // Texts made of pieces of every form, cut into lines anywhere (seeded, so repeatable).
        let header = Self.base64("x-access-token:" + Self.token)
        let percent = Array(Self.special.utf8).map { String(format: "%%%02X", $0) }.joined()
        let pieces = [Self.token, header, percent, Self.special, "ghp_", "ghp_Z9yX", "%", "%2", "word ", " ", "g", "p@ss", "\r",
                      String(Self.token.prefix(7)), String(Self.token.dropFirst(7)), String(header.prefix(30)), String(header.dropFirst(30))]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<(1 + next(12)) {
                text += pieces[next(pieces.count)]
                if next(3) == 0 { text += "\n" }
            }
            // As ShellCommand cuts output: at every LF byte ("\r\n" is one Character, not two).
            let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let seen = CollectingObserver()
            let observer = RedactingObserver(inner: seen, redactor: Self.r)
            for line in lines { observer.output(line, source: "qa") }
            observer.flush()
            let streamed = seen.lines.map { String($0.dropFirst("qa: ".count)) }.joined(separator: "\n")
            #expect(streamed == Self.r.redact(text), "\(text.debugDescription)")
        }
    }

    @Test func controlsThatMustNotBeRedacted() {
        let r = SecretRedactor(environment: ["GITHUB_TOKEN": Self.token, "SHORT_KEY": "abc", "PIN_SECRET": "hunt2"])
        // Shorter than the minimum: no secret, in no form.
        #expect(r.redact("abc a%62c ab\nc YWJj") == "abc a%62c ab\nc YWJj")
        // Short values are redacted as written and split, but not inside base64: five
        // characters leave too few base64 characters of their own to be told from chance.
        #expect(r.redact("hunt2 hu\nnt2") == "[redacted:PIN_SECRET] [redacted:PIN_SECRET]")
        let shortBase64 = Self.base64("x:hunt2")
        #expect(r.redact(shortBase64) == shortBase64)
        // Text that merely shares a prefix with the token, or its base64 with another token's.
        let near = String(Self.token.dropLast()) + "X"
        #expect(r.redact("\(near) \(Self.token.prefix(10))\n\(Self.token.dropFirst(11))") == "\(near) \(Self.token.prefix(10))\n\(Self.token.dropFirst(11))")
        let other = Self.base64("x-access-token:" + near)
        #expect(r.redact(other) == other)
        // Two line breaks are not a wrapped value.
        let twice = "\(Self.token.prefix(10))\n\n\(Self.token.dropFirst(10))"
        #expect(r.redact(twice) == twice)
        // `%` that is not an escape, and text with none of it.
        #expect(r.redact("100% done, 50%2 left %zz") == "100% done, 50%2 left %zz")
    }

    @Test func aCapturesBytesAreCopiedWhenNothingMatches() {
        let bytes = Array(("start " + String(repeating: "ghp_Z9yX8 %41 +\n", count: 2000)).utf8)
        #expect(Self.r.redact(bytes: bytes) == bytes)
        #expect(!Self.r.leaks(in: bytes))
        #expect(Self.r.leaks(in: Array(Self.base64("u:" + Self.token).utf8)))
    }
}

/// What an observer was told, as "source: line" and "step NAME: detail".
final class CollectingObserver: RolloutObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String] = []

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }

    private func add(_ event: String) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    func stepStarted(_ step: RolloutStep, detail: String) {}
    func stepFinished(_ step: RolloutStep, status: StepStatus, detail: String, seconds: Double) { add("step \(step.rawValue): \(detail)") }
    func output(_ line: String, source: String) { add("\(source): \(line)") }
    func note(_ text: String) { add("note: \(text)") }
}
