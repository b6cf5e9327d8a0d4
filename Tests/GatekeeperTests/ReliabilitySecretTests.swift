import Foundation
import Testing
import TestSupport

/// The spellings a secret travels in, as the scans below look for them: as written, a stretch
/// of its base64 at each of the three alignments (whatever came before it), percent-encoded
/// whole in lower- and upper-case hex (and with `+` for a space). A value split across lines is
/// found by also searching every text with its line breaks taken out.
enum SecretForms {
    static func of(_ secret: String) -> [String] {
        let bytes = Array(secret.utf8)
        var forms = [secret]
        for offset in 0..<3 {
            // 16 characters from the 5th on: made of the secret's bytes only, at that alignment.
            let encoded = Data([UInt8](repeating: 0x41, count: offset) + bytes).base64EncodedString()
            forms.append(String(encoded.dropFirst(4).prefix(16)))
            forms.append(String(encoded.dropFirst(4).prefix(16)).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        let lower = bytes.map { String(format: "%%%02x", $0) }.joined()
        forms += [lower, lower.uppercased(), lower.uppercased().replacingOccurrences(of: "%20", with: "+")]
        return Array(Set(forms)).sorted()
    }

    /// True when `bytes`, as they are or with CR and LF taken out, hold any of `forms`.
    static func found(_ forms: [String], in bytes: Data) -> Bool {
        if forms.contains(where: { contains(bytes, $0) }) { return true }
        guard bytes.contains(0x0A) || bytes.contains(0x0D) else { return false }
        let joined = Data(bytes.filter { $0 != 0x0A && $0 != 0x0D })
        return forms.contains { contains(joined, $0) }
    }

    /// The console's lines of command output (`  │ qa 2: …`) without that prefix: a value split
    /// across two lines of a command's output is split by it on the console.
    static func commandOutput(_ console: String) -> String {
        console.split(separator: "\n").compactMap { line -> Substring? in
            guard let bar = line.range(of: "│ "), let colon = line[bar.upperBound...].range(of: ": ") else { return nil }
            return line[colon.upperBound...]
        }.joined(separator: "\n")
    }

    static func contains(_ bytes: Data, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                // memchr for the first byte, memcmp for the rest.
                guard let h = hay.baseAddress, let p = pin.baseAddress, !needle.isEmpty, hay.count >= pin.count else { return false }
                let last = hay.count - pin.count
                var i = 0
                while i <= last, let found = memchr(h + i, Int32(needle[0]), last - i + 1) {
                    let at = h.distance(to: UnsafeRawPointer(found))
                    if memcmp(h + at, p, pin.count) == 0 { return true }
                    i = at + 1
                }
                return false
            }
        }
    }
}

extension RolloutWorld {
    /// Where any of `secrets` can be found, in any of its `SecretForms`: the command's output,
    /// every file under the test's folder (working tree, .git with its config and rollout state,
    /// evidence, cache, the bare origin), and every git object of both repositories uncompressed.
    func placesHolding(_ secrets: [String], outputs: [String: String]) throws -> [String] {
        try placesHolding(forms: secrets.flatMap(SecretForms.of), outputs: outputs)
    }

    /// Where any of `forms` can be found, as they are or split across lines.
    func placesHolding(forms: [String], outputs: [String: String]) throws -> [String] {
        var places: [String] = []
        for (name, text) in outputs.sorted(by: { $0.key < $1.key })
        where SecretForms.found(forms, in: Data(text.utf8)) || SecretForms.found(forms, in: Data(SecretForms.commandOutput(text).utf8)) {
            places.append(name)
        }
        let files = try FileTree.contents(of: dir.url.path)
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) where SecretForms.found(forms, in: bytes) {
            places.append(path)
        }
        let scanned = files.count
        #expect(scanned > 100, "the scan saw the repositories, the evidence and the cache (\(scanned) files)")
        for (index, repo) in [target, origin].enumerated() {
            // Objects are binary (zlib inside, trees with raw hashes): dumped to a file, searched as bytes.
            let dump = dir.path("objects-\(index)")
            let r = try TestProcess.run("sh", ["-c", "git -C \"$1\" cat-file --batch-all-objects --batch > \"$2\"", "sh", repo, dump])
            #expect(r.status == 0, "\(r.output)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dump))
            try FileManager.default.removeItem(atPath: dump)
            if repo == target { #expect(bytes.count > 10_000, "the objects were dumped (\(bytes.count) bytes)") }
            if SecretForms.found(forms, in: bytes) { places.append("git objects of \(repo)") }
        }
        return places
    }
}

@Suite(.serialized) struct SecretReliabilityTests {
    static let token = "ghp_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24))
    static let ghToken = "gho_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24))
    static let apiKey = "sk-or-v1-" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24))
    static let environment = ["GITHUB_TOKEN": token, "GH_TOKEN": ghToken, "OPENROUTER_API_KEY": apiKey]
    static let secrets = [token, ghToken, apiKey]
    static let echoAll = "echo token=$GITHUB_TOKEN gh=$GH_TOKEN key=$OPENROUTER_API_KEY; echo $GITHUB_TOKEN >&2"

    static func record(_ name: String, _ places: [String]) {
        ReliabilityLog.record("secrets: tokens in the environment, gatekeeper.toml or a git remote", name,
                              places.isEmpty ? "in no output, file, git object or config" : "leaked: \(places.joined(separator: ", "))",
                              dataLost: !places.isEmpty, gateWronglyOpened: false)
    }

    @Test func aRolloutWhoseQAPrintsTheTokensKeepsThemOutOfEverything() throws {
        let world = try RolloutWorld(qa: ["sh scripts/qa.sh", Self.echoAll])
        let r = try world.rollout(["--version", "0.1.2"], environment: Self.environment)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let qa = world.target + "/\(RolloutWorld.evidence)/qa"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: qa).first { $0.hasPrefix("02-") })
        let log = try String(contentsOfFile: qa + "/" + name, encoding: .utf8)
        #expect(log.contains("token=[redacted:GITHUB_TOKEN] gh=[redacted:GH_TOKEN] key=[redacted:OPENROUTER_API_KEY]"), "\(log)")
        let places = try world.placesHolding(Self.secrets, outputs: ["stdout": r.stdout, "stderr": r.stderr])
        #expect(places.isEmpty, "\(places)")
        Self.record("QA echoes three tokens, rollout completes", places)
    }

    @Test func aFailingQACommandThatPrintsTheTokensKeepsThemOutOfEverything() throws {
        let world = try RolloutWorld(qa: ["sh scripts/qa.sh", Self.echoAll + "; exit 3"])
        let r = try world.rollout(["--version", "0.1.2"], environment: Self.environment)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed at QA: "), "\(r.stdout)")
        let places = try world.placesHolding(Self.secrets, outputs: ["stdout": r.stdout, "stderr": r.stderr])
        #expect(places.isEmpty, "\(places)")
        Self.record("QA echoes three tokens and fails", places)
    }

    @Test func aPushAndPullRequestUseTheTokenAndKeepItOutOfEverything() throws {
        let world = try RolloutWorld()
        let api = try FakeGitHubAPI()
        defer { api.stop() }
        api.requiredToken = Self.token
        try world.pointAt(api: api.baseURL)
        let r = try world.rollout(["--version", "0.1.2", "--open-pr"], environment: Self.environment)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(api.received.contains { $0.headers["authorization"] == "Bearer \(Self.token)" }, "the API got the token")
        #expect(api.pulls.count == 1)
        #expect(!Self.secrets.contains { api.pulls.first?.body.contains($0) ?? false }, "not in the pull request's body")
        let places = try world.placesHolding(Self.secrets, outputs: ["stdout": r.stdout, "stderr": r.stderr])
        #expect(places.isEmpty, "\(places)")
        Self.record("push and pull request with GITHUB_TOKEN", places)
    }

    @Test func anAPIErrorThatEchoesTheTokenIsRedactedFromTheMessage() throws {
        let world = try RolloutWorld()
        let api = try LoopbackHTTPServer()
        defer { api.stop() }
        // A proxy or a broken API that repeats the credentials it was sent.
        api.routePrefix("/repos/") { request in
            (401, ["Content-Type": "application/json"],
             Array(#"{"message": "Bad credentials: \#(request.headers["authorization"] ?? "")"}"#.utf8))
        }
        try world.pointAt(api: api.baseURL)
        let r = try world.rollout(["--version", "0.1.2", "--open-pr"], environment: Self.environment)
        // Committed, then the pull request fails: exit 2 with the API's words, the token masked.
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr == "gatekeeper: error: GitHub API GET /repos/team/tinyagent/pulls: HTTP 401 Unauthorized: Bad credentials: [redacted] (check the token in GITHUB_TOKEN or GH_TOKEN)\n")
        let places = try world.placesHolding(Self.secrets, outputs: ["stdout": r.stdout, "stderr": r.stderr])
        #expect(places.isEmpty, "\(places)")
        Self.record("the GitHub API answers 401 repeating the token", places)
    }

    @Test func aTokenWrittenInTheConfigIsRefusedWithoutEchoingIt() throws {
        try Self.configSecretIsRefused(
            "a token written in gatekeeper.toml: refused, value not echoed", linePrefix: "github_token",
            message: "\"rollout.github_token\" looks like a secret: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove it from this file and revoke it if it was committed"
        ) { $0.replacingOccurrences(of: "[rollout]\n", with: "[rollout]\ngithub_token = \"\(Self.token)\"\n") }
    }

    @Test func aTokenWrittenIntoAURLOfTheConfigIsRefusedWithoutEchoingIt() throws {
        try Self.configSecretIsRefused(
            "a token written into the upstream URL in gatekeeper.toml: refused, value not echoed", linePrefix: "upstream",
            message: "gate[0].upstream: the URL carries credentials: gatekeeper takes tokens from the environment only (GITHUB_TOKEN or GH_TOKEN); remove them from this file and revoke the token if it was committed"
        ) { config in
            // The scenario's upstream is a local folder; as a user would write a private GitHub one.
            let upstream = config.split(separator: "\n").first { $0.hasPrefix("upstream") }.map(String.init) ?? "upstream"
            return config.replacingOccurrences(of: upstream, with: "upstream   = \"https://x-access-token:\(Self.token)@github.com/team/alchemy-rs.git\"")
        }
    }

    /// `edit` puts the token into gatekeeper.toml; check and rollout both refuse it on the line
    /// starting with `linePrefix`, with `message`, and print the token nowhere.
    static func configSecretIsRefused(_ name: String, linePrefix: String, message: String, edit: (String) -> String) throws {
        let world = try RolloutWorld()
        try edit(try world.read("gatekeeper.toml")).write(toFile: world.target + "/gatekeeper.toml", atomically: true, encoding: .utf8)
        let line = try #require(try world.read("gatekeeper.toml").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix(linePrefix) }) + 1
        let check = try CLI.run(["check", "--repo", world.target, "--cache-dir", world.dir.path("cache")])
        let rollout = try world.rollout(["--version", "0.1.2"])
        for r in [check, rollout] {
            #expect(r.status == 2)
            #expect(r.stderr.hasSuffix("gatekeeper.toml:\(line): \(message)\n"), "\(r.stderr)")
        }
        let outputs = ["check stdout": check.stdout, "check stderr": check.stderr, "rollout stdout": rollout.stdout, "rollout stderr": rollout.stderr]
        let leaked = outputs.filter { $0.value.contains(token) }.keys.sorted()
        #expect(leaked.isEmpty)
        record(name, leaked)
    }

    @Test func aGitRemoteCarryingATokenIsRedactedFromTheFailedPush() throws {
        // The user set the remote to https://x-access-token:…@ by hand; no variable holds the token.
        let world = try RolloutWorld()
        let closed = try LoopbackHTTPServer()
        let port = closed.port
        closed.stop()
        try world.git(["remote", "set-url", "origin", "http://x-access-token:\(Self.token)@127.0.0.1:\(port)/team/tinyagent.git"])
        let r = try world.rollout(["--version", "0.1.2", "--push"])
        #expect(r.status == 2, "committed, then the push fails: \(r.stdout)\(r.stderr)")
        #expect(r.stderr.hasPrefix("gatekeeper: error: cannot push \(RolloutWorld.branch) to origin (http://[redacted]@127.0.0.1:\(port)/team/tinyagent.git): "), "\(r.stderr)")
        // .git/config holds the URL the user wrote; everywhere else it must not appear.
        let places = try world.placesHolding([Self.token], outputs: ["stdout": r.stdout, "stderr": r.stderr])
            .filter { !$0.hasSuffix("/.git/config") }
        #expect(places.isEmpty, "\(places)")
        Self.record("a git remote URL carrying a token: the failed push is redacted", places)
    }
}

/// The same tokens, printed by QA in the forms they really travel in. Every command prints one
/// form of one secret, so each row can say which form leaked where.
@Suite(.serialized) struct EncodedSecretReliabilityTests {
    static let password = "p@ss w+rd/" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)) + ":%&=?"
    static let environment = SecretReliabilityTests.environment.merging(["DEPLOY_PASSWORD": password]) { $1 }
    static let (token, ghToken, apiKey) = (SecretReliabilityTests.token, SecretReliabilityTests.ghToken, SecretReliabilityTests.apiKey)
    static let percentEncode = "od -An -tx1 | tr -d '[:space:]' | sed 's/../%&/g'"

    /// (row, QA commands, the forms they print).
    static let cases: [(name: String, commands: [String], forms: [String])] = [
        ("base64(\"x-access-token:TOKEN\") and base64 behind a 2-byte prefix",
         ["printf 'x-access-token:%s' \"$GITHUB_TOKEN\" | base64", "printf 'u:%s' \"$GITHUB_TOKEN\" | base64"],
         base64Forms(token)),
        ("git -c http.extraheader=\"AUTHORIZATION: basic <base64>\" prints the header",
         ["git -c http.extraheader=\"AUTHORIZATION: basic $(printf 'x-access-token:%s' \"$GH_TOKEN\" | base64 -w0)\" config --get http.extraheader"],
         base64Forms(ghToken, offsets: [0])),
        ("base64 wrapped at 76 columns, the break inside a token",
         ["printf 'user=ci-bot:%s:%s' \"$OPENROUTER_API_KEY\" \"$GH_TOKEN\" | base64"],
         base64Forms(apiKey, offsets: [0]) + base64Forms(ghToken, offsets: [1])),
        ("a password with special characters percent-encoded (lower, upper hex, + for a space)",
         ["printf '%s' \"$DEPLOY_PASSWORD\" | \(percentEncode); echo",
          "printf '%s' \"$DEPLOY_PASSWORD\" | \(percentEncode) | tr a-f A-F | sed 's/%20/+/g'; echo"],
         Array(SecretForms.of(password).filter { $0.hasPrefix("%") || $0.contains("+") && $0 != password })),
        ("tokens split across lines (cut at a column, fold -w 10)",
         ["printf '%s' \"$GITHUB_TOKEN\" | cut -c1-11; printf '%s' \"$GITHUB_TOKEN\" | cut -c12-", "printf '%s' \"$OPENROUTER_API_KEY\" | fold -w 10"],
         [token, apiKey]),
    ]

    static func base64Forms(_ secret: String, offsets: [Int] = [0, 1, 2]) -> [String] {
        offsets.map { String(Data([UInt8](repeating: 0x41, count: $0) + Array(secret.utf8)).base64EncodedString().dropFirst(4).prefix(16)) }
    }

    static func record(_ name: String, _ places: [String]) {
        ReliabilityLog.record("secrets: encoded forms", name,
                              places.isEmpty ? "in no output, file, git object or config" : "leaked: \(places.joined(separator: ", "))",
                              dataLost: !places.isEmpty, gateWronglyOpened: false)
    }

    /// Runs a rollout whose QA prints every form, then checks and records each case.
    static func run(failing: Bool, suffix: String) throws {
        var commands = ["sh scripts/qa.sh"] + cases.flatMap(\.commands)
        if failing { commands[commands.count - 1] += "; exit 3" }
        let world = try RolloutWorld(qa: commands)
        let r = try world.rollout(["--version", "0.1.2"], environment: environment)
        #expect(r.status == (failing ? 1 : 0), "\(r.stdout)\(r.stderr)")
        let outputs = ["stdout": r.stdout, "stderr": r.stderr]
        // The forms really were printed: each command's output is in the console, redacted.
        #expect(r.stdout.contains("AUTHORIZATION: basic [redacted:GH_TOKEN]"), "\(r.stdout)")
        #expect(r.stdout.contains("[redacted:DEPLOY_PASSWORD]"), "\(r.stdout)")
        for c in cases {
            let places = try world.placesHolding(forms: c.forms, outputs: outputs)
            #expect(places.isEmpty, "\(c.name): \(places)")
            record(c.name + suffix, places)
        }
        let everywhere = try world.placesHolding(Array(SecretReliabilityTests.secrets) + [password], outputs: outputs)
        #expect(everywhere.isEmpty, "\(everywhere)")
    }

    @Test func aRolloutWhoseQAPrintsTheTokensEncodedKeepsEveryFormOutOfEverything() throws {
        try Self.run(failing: false, suffix: "")
    }

    @Test func aFailingQAThatPrintsTheTokensEncodedKeepsEveryFormOutOfEverything() throws {
        try Self.run(failing: true, suffix: ", and QA fails")
    }
}

extension RolloutWorld {
    /// Sends the rollout's pull request to `api` (a loopback server), committed so the tree stays clean.
    func pointAt(api: String) throws {
        try read("gatekeeper.toml")
            .replacingOccurrences(of: "[rollout.captures]", with: "github_api = \"\(api)\"\ngithub_repository = \"team/tinyagent\"\n\n[rollout.captures]")
            .write(toFile: target + "/gatekeeper.toml", atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "point at the test's GitHub API"])
    }
}
