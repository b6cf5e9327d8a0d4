import Checks
import Foundation
import Git
import DemoWorld

/// The usage-fix story with a package of realistic size: the upstream's tree holds about 200
/// files (195 Rust sources under `src/` of a few hundred bytes to a few KB each, Cargo.toml,
/// README.md, CHANGELOG.md, LICENSE, one test), the fix commit changes three of them, and
/// 0.1.1 and 0.1.2 are published in cargo's package shape (every file of their release commit).
/// 0.1.2's packaged changelog lists the four fixes and its commit descends from the fix, so the
/// target's gate opens. For the check benchmark, and tests that need a package this size.
///
/// Layout under `root`: `upstream/` (HEAD on main at the 0.1.2 release, tags v0.1.1, v0.1.2),
/// `registry/` (serve it, or read it through file://), `target/` (pinned at 0.1.1, its gate
/// waiting for `fix`).
public struct LargePackageWorld {
    public let root: String
    public let registry: String
    public let upstream: String
    public let target: String
    public let indexURL: String
    public let release011: GitObjectID
    public let fix: GitObjectID
    public let release012: GitObjectID
    /// The files of 0.1.2's release commit, path → text: its package holds these, plus
    /// `Cargo.toml.orig`, `.cargo_vcs_info.json` and the normalised `Cargo.toml`.
    public let tree: [String: String]
    /// The files the fix commit changes.
    public let fixedFiles: [String]

    /// Modules under `src/models/` by default: with the other files, a 200-file tree.
    public static let defaultModules = 191

    /// `registryURL`: the base URL of a server that serves `<root>/registry`; nil for file://.
    /// `modules`: how many generated `src/models/mNNN.rs` files the tree has (9 other files).
    public static func make(at root: String, registryURL: String? = nil, modules: Int = defaultModules) throws -> LargePackageWorld {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let history = try ReleaseHistory(at: root)
        let names = (0..<modules).map { String(format: "m%03d", $0) }
        var first: [String: String?] = [
            "README.md": GitFixture.Story.readme,
            "LICENSE": license,
            "CHANGELOG.md": changelog011,
            "src/lib.rs": libRs(documented: false),
            "src/providers/mod.rs": "pub mod openai;\n",
            "src/providers/openai.rs": GitFixture.Story.openaiBeforeFix,
            "src/models/mod.rs": names.map { "pub mod \($0);\n" }.joined(),
            "tests/usage_semantics.rs": testsBeforeFix,
        ]
        for (index, name) in names.enumerated() { first["src/models/\(name).rs"] = module(index) }
        let release011 = try history.release("0.1.1", changes: first)
        let fixChanges: [String: String?] = [
            "src/providers/openai.rs": GitFixture.Story.openaiAfterFix,
            "src/lib.rs": libRs(documented: true),
            "tests/usage_semantics.rs": GitFixture.Story.usageTests,
        ]
        let fix = try history.commit(fixChanges, GitFixture.Story.fixMessage)
        let release012 = try history.release("0.1.2", changes: ["CHANGELOG.md": ChangelogTexts.complete])
        let tree = history.files
        let (target, registry) = try history.finish(registryURL: registryURL, fixCommit: fix)
        let base = registryURL ?? "file://\(registry)"
        return LargePackageWorld(root: root, registry: registry, upstream: history.upstreamPath, target: target,
                                 indexURL: "\(base)/index/", release011: release011, fix: fix, release012: release012,
                                 tree: tree, fixedFiles: fixChanges.keys.sorted())
    }

    static let license = """
        MIT License

        Copyright (c) 2026 alchemy-llm contributors

        Permission is hereby granted, free of charge, to any person obtaining a copy of this
        software and associated documentation files, to deal in the Software without restriction.

        """

    static let changelog011 = """
        # Changelog

        ## [0.1.1] - 2026-02-12
        - Initial crates.io release

        """

    static func libRs(documented: Bool) -> String {
        let text = GitFixture.Story.libRs.replacingOccurrences(of: "pub mod providers;\n", with: "pub mod models;\npub mod providers;\n")
        guard documented else { return text }
        return text.replacingOccurrences(of: "/// Token usage of one response.\n",
                                         with: "/// Token usage of one response, exactly as the provider reported it.\n")
    }

    static let testsBeforeFix = """
        use alchemy_llm::providers::openai::map_usage;
        use serde_json::json;

        #[test]
        fn maps_prompt_and_completion_tokens() {
            let usage = map_usage(&json!({ "prompt_tokens": 100, "completion_tokens": 40 }));
            assert_eq!(usage.output, 40);
        }

        """

    /// Module `index`: a struct and accessors, from about 300 bytes to about 4 KB depending on
    /// the index (the same text for the same index, always).
    static func module(_ index: Int) -> String {
        let name = String(format: "Model%03d", index)
        var text = """
            //! \(name): the request and response shapes of endpoint group \(index).

            use serde_json::Value;

            /// One \(name) record as the provider returns it.
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct \(name) {
                pub id: u64,
                pub label: String,
            }

            impl \(name) {

            """
        let size = 300 + (index * 7_919) % 3_800
        // Words picked by a fixed linear congruential sequence: source-like text that does not
        // compress far better than real code does.
        var state = UInt64(index) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func word() -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return words[Int((state >> 33) % UInt64(words.count))]
        }
        var field = 0
        while text.utf8.count < size {
            let key = "\(word())_\(word())_\(field)"
            text += """
                    /// The \(word()) \(word()) of the \(word()) payload (\(word()), \(word())), 0 when absent.
                    pub fn \(key)(raw: &Value) -> u64 {
                        raw["\(key)"].as_u64().unwrap_or(0)
                    }

                """
            field += 1
        }
        return text + "}\n"
    }

    static let words = [
        "prompt", "completion", "cache", "read", "write", "total", "tokens", "input", "output", "reasoning",
        "stream", "chunk", "delta", "choice", "message", "role", "content", "tool", "call", "function",
        "argument", "model", "provider", "request", "response", "header", "retry", "backoff", "limit", "window",
        "context", "overflow", "usage", "cost", "price", "budget", "latency", "timeout", "error", "status",
        "batch", "embedding", "vector", "index", "score", "rank", "filter", "page", "cursor", "session",
        "user", "system", "assistant", "finish", "reason", "stop", "length", "safety", "audio", "image",
        "detail", "format", "schema", "version",
    ]
}
