import Checks
import Git

/// Upstream repositories with a realistic history, for tests, the demo and the benchmarks. Built
/// with `GitRepository` (libgit2), never the git CLI, so the same bytes come out everywhere: same
/// steps, same commit ids.
public enum GitFixture {
    public struct Step: Sendable {
        /// Path → new text, nil → delete; paths may contain folders.
        public var files: [String: String?]
        public var message: String
        /// A lightweight tag to put on this step's commit.
        public var tag: String?

        public init(files: [String: String?], message: String, tag: String? = nil) {
            self.files = files
            self.message = message
            self.tag = tag
        }
    }

    /// Who wrote every fixture commit.
    public static let authorName = "Upstream Maintainer"
    public static let authorEmail = "maintainer@example.com"
    /// The first commit's time: 2026-02-12T09:00:00Z; each later step is one hour on.
    public static let epoch: Int64 = 1_770_886_800

    /// The signature of step `index` (0-based).
    public static func author(step index: Int) -> GitSignature {
        GitSignature(name: authorName, email: authorEmail, time: epoch + Int64(index) * 3600)
    }

    /// Creates a non-bare repository at `path` (branch "main", HEAD on it) with one commit per
    /// step, in order, and the steps' tags. Returns the commit ids in order. The work tree and
    /// index end up matching the last commit, so `git status` there is clean.
    @discardableResult
    public static func make(at path: String, steps: [Step]) throws -> [GitObjectID] {
        let repo = try GitRepository.initialize(at: path, bare: false, initialBranch: "main")
        return try append(steps, to: repo, firstIndex: 0)
    }

    /// Adds more steps on top of the current branch of `repo` (e.g. "upstream moved on" before a
    /// fetch); times continue from `firstIndex`. A non-bare repository's work tree follows.
    @discardableResult
    public static func append(_ steps: [Step], to repo: GitRepository, firstIndex: Int) throws -> [GitObjectID] {
        var ids: [GitObjectID] = []
        for (offset, step) in steps.enumerated() {
            let id = try repo.commitFiles(
                step.files, message: step.message, author: author(step: firstIndex + offset), parent: nil)
            if let tag = step.tag { try repo.createTag(tag, at: id) }
            ids.append(id)
        }
        if repo.workdir != nil, !steps.isEmpty { try repo.forceCheckoutHead() }
        return ids
    }

    /// The alchemy-rs story: the 0.1.1 release (tag v0.1.1); the usage fix, whose message lists
    /// the plan's four items; the bump to 0.1.2 (tag v0.1.2), whose tree has no CHANGELOG.md;
    /// then CHANGELOG.md with a terse 0.1.2 section. HEAD is on "main" at the changelog commit.
    public static func usageFixStory(at path: String)
        throws -> (release011: GitObjectID, fix: GitObjectID, release012: GitObjectID, changelog: GitObjectID)
    {
        let ids = try make(at: path, steps: Story.steps)
        guard ids.count == 4 else { throw GitError(code: -1, message: "the usage-fix story wrote \(ids.count) commits, not 4") }
        return (ids[0], ids[1], ids[2], ids[3])
    }

    /// The texts of the story, for fixtures that must agree with it (e.g. a registry package).
    public enum Story {
        public static let crateName = "alchemy-llm"

        public static let steps: [Step] = [
            Step(
                files: [
                    "Cargo.toml": cargoToml(version: "0.1.1"),
                    "README.md": readme,
                    "src/lib.rs": libRs,
                    "src/providers/mod.rs": "pub mod openai;\n",
                    "src/providers/openai.rs": openaiBeforeFix,
                ],
                message: "chore(release): v0.1.1\n", tag: "v0.1.1"),
            Step(
                files: ["src/providers/openai.rs": openaiAfterFix, "tests/usage_semantics.rs": usageTests],
                message: fixMessage),
            Step(files: ["Cargo.toml": cargoToml(version: "0.1.2")], message: "chore(release): v0.1.2\n", tag: "v0.1.2"),
            Step(files: ["CHANGELOG.md": changelog], message: "docs: add CHANGELOG.md\n"),
        ]

        public static let fixMessage = """
            fix(openai): align usage semantics with provider raw tokens

            - usage.input = prompt_tokens and usage.output = completion_tokens (provider-raw; reasoning tokens are not added)
            - prefer provider total_tokens when present, else input + output
            - parse cache_read_input_tokens / cache_creation_input_tokens, falling back to prompt_tokens_details.cached_tokens
            - context overflow check uses input only (no + cache_read)

            """

        /// The 0.1.2 section as upstream wrote it: one line, none of the four items spelled out.
        public static let changelog012Section = """
            ## [0.1.2] - 2026-02-12

            ### Fixed
            - `openai`: Align usage semantics with provider raw tokens

            """

        /// Keep a Changelog, newest first.
        public static let changelog = """
            # Changelog

            All notable changes to this project will be documented in this file.

            The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
            and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).

            \(changelog012Section)
            ## [0.1.1] - 2026-01-28

            ### Fixed
            - `openai`: Retry streamed completions on HTTP 429 with backoff

            ## [0.1.0] - 2026-01-20

            ### Added
            - OpenAI-compatible chat completions with streaming and usage reporting

            """

        public static func cargoToml(version: String) -> String {
            """
            [package]
            name = "\(crateName)"
            version = "\(version)"
            edition = "2021"
            description = "A small Rust client for LLM providers"
            license = "MIT"
            repository = "https://github.com/alchemiststudiosDOTai/alchemy-rs"

            [dependencies]
            serde_json = "1"

            """
        }

        public static let readme = """
            # alchemy-llm

            A small Rust client for OpenAI-compatible LLM providers: streaming chat completions
            and token usage reporting.

            """

        public static let libRs = """
            //! alchemy-llm: a small Rust client for LLM providers.

            pub mod providers;

            /// Token usage of one response.
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
            pub struct Usage {
                pub input: u64,
                pub output: u64,
                pub cache_read: u64,
                pub cache_write: u64,
                pub total_tokens: u64,
            }

            """

        /// 0.1.1: input net of cache, reasoning folded into output, a computed total, overflow on input + cache.
        public static let openaiBeforeFix = """
            //! OpenAI-compatible chat completions: usage mapping.

            use crate::Usage;
            use serde_json::Value;

            pub fn map_usage(raw: &Value) -> Usage {
                let prompt = raw["prompt_tokens"].as_u64().unwrap_or(0);
                let completion = raw["completion_tokens"].as_u64().unwrap_or(0);
                let reasoning = raw["completion_tokens_details"]["reasoning_tokens"].as_u64().unwrap_or(0);
                let cached = raw["prompt_tokens_details"]["cached_tokens"].as_u64().unwrap_or(0);
                let input = prompt.saturating_sub(cached);
                let output = completion + reasoning;
                Usage { input, output, cache_read: cached, cache_write: 0, total_tokens: input + output + cached }
            }

            pub fn is_context_overflow(usage: &Usage, context_window: u64) -> bool {
                usage.input + usage.cache_read > context_window
            }

            """

        /// After the fix: provider-raw values, provider total, explicit cache fields, overflow on input.
        public static let openaiAfterFix = """
            //! OpenAI-compatible chat completions: usage mapping.

            use crate::Usage;
            use serde_json::Value;

            /// Provider-raw usage: `input`/`output` are exactly what the provider reported.
            pub fn map_usage(raw: &Value) -> Usage {
                let input = raw["prompt_tokens"].as_u64().unwrap_or(0);
                let output = raw["completion_tokens"].as_u64().unwrap_or(0);
                let details = &raw["prompt_tokens_details"];
                let cache_read = raw["cache_read_input_tokens"].as_u64()
                    .or_else(|| details["cached_tokens"].as_u64())
                    .unwrap_or(0);
                let cache_write = raw["cache_creation_input_tokens"].as_u64()
                    .or_else(|| details["cache_write_tokens"].as_u64())
                    .unwrap_or(0);
                let total_tokens = raw["total_tokens"].as_u64().unwrap_or(input + output);
                Usage { input, output, cache_read, cache_write, total_tokens }
            }

            /// `input` already includes cached prompt tokens, so cache reads are not added again.
            pub fn is_context_overflow(usage: &Usage, context_window: u64) -> bool {
                usage.input > context_window
            }

            """

        public static let usageTests = """
            use alchemy_llm::providers::openai::{is_context_overflow, map_usage};
            use serde_json::json;

            #[test]
            fn reasoning_tokens_are_not_added_to_output() {
                let usage = map_usage(&json!({
                    "prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140,
                    "completion_tokens_details": { "reasoning_tokens": 25 }
                }));
                assert_eq!((usage.input, usage.output, usage.total_tokens), (100, 40, 140));
            }

            #[test]
            fn overflow_looks_at_input_only() {
                let usage = map_usage(&json!({ "prompt_tokens": 90, "cache_read_input_tokens": 50 }));
                assert!(!is_context_overflow(&usage, 100));
            }

            """
    }
}
