/// Scripts the target repository carries for its rollout: QA and the two capture paths.
public enum TargetScripts {
    /// QA: checks that both lockfiles agree with the manifests, like a project's own test run.
    public static let qa = """
        #!/bin/sh
        # QA for the usage-semantics rollout: both lockfiles must lock alchemy-llm at the
        # version the manifests require.
        set -eu
        want=$(sed -n 's/^alchemy-llm = "\\(.*\\)".*/\\1/p' Cargo.toml)
        for lock in Cargo.lock bindings/alchemy_llm_py/Cargo.lock; do
            got=$(grep -A1 '^name = "alchemy-llm"$' "$lock" | sed -n 's/^version = "\\(.*\\)"/\\1/p')
            echo "$lock: alchemy-llm $got (manifest wants $want)"
            [ "$got" = "${want#=}" ] || { echo "FAILED: $lock locks $got"; exit 1; }
        done
        echo "2 passed, 0 failed"

        """

    /// A run capture of one path (rust or python), as the real paths save them: every event,
    /// then the final assistant message. Deterministic, provider-raw usage.
    public static let capture = #"""
        #!/usr/bin/env python3
        """Write a run capture (events + final assistant message) for one path of the agent."""
        import argparse, json, sys

        parser = argparse.ArgumentParser()
        parser.add_argument("--path", choices=["rust", "python"], required=True)
        parser.add_argument("--out", required=True)
        args = parser.parse_args()

        text = "Provider-raw usage: input counts every prompt token, cached ones included; reasoning stays inside output."
        words = text.split(" ")
        if args.path == "rust":
            usage = {"input": 1843, "output": 212, "cache_read": 1536, "cache_write": 0, "total_tokens": 2055,
                     "cost": {"input": 0.0, "output": 0.0, "cache_read": 0.0, "cache_write": 0.0, "total": 0.0}}
            extra = {"api": "openai-completions", "provider": "openrouter", "model": "openai/gpt-4o-mini"}
        else:
            usage = {"input": 1790, "output": 240, "cache_read": 1536, "cache_write": 0, "total_tokens": 2030,
                     "cost": {"input": 0.0, "output": 0.0, "cache_read": 0.0, "cache_write": 0.0, "total": 0.0}}
            extra = {"model": "openai/gpt-4o-mini"}

        events = [{"type": "agent_start"}, {"type": "turn_start"},
                  {"type": "message_start", "message": {"role": "assistant", "content": []}}]
        so_far = ""
        for word in words:
            delta = (" " if so_far else "") + word
            so_far += delta
            events.append({"type": "message_update",
                           "message": {"role": "assistant", "content": [{"type": "text", "text": so_far}]},
                           "assistant_message_event": {"type": "text_delta", "content_index": 0, "delta": delta}})
        final = {"role": "assistant", "content": [{"type": "text", "text": so_far}], "stop_reason": "stop",
                 "timestamp": 1770890400, "usage": usage, **extra}
        events += [{"type": "message_end", "message": final}, {"type": "turn_end"},
                   {"type": "agent_end", "messages": [final]}]
        capture = {"run": {"path": args.path}, "events": events}
        if args.path == "python":
            capture["final_assistant"] = final
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(capture, f, indent=1 if args.path == "python" else None)
        print(f"{args.path}: {len(events)} events -> {args.out}")

        """#

    /// The `[rollout]` section the target's gatekeeper.toml carries.
    public static let rolloutConfig = """

        [rollout]
        branch       = "deps/{dependency}-{version}"
        evidence_dir = "data/evidence/{dependency}-{version}"
        plan         = "PLAN.md"
        qa           = ["sh scripts/qa.sh"]

        [rollout.captures]
        rust   = "python3 scripts/capture.py --path rust --out {out}"
        python = "python3 scripts/capture.py --path python --out {out}"

        """
}
