#!/usr/bin/env python3
"""Reference for `gatekeeper parity`: the same comparison of two run captures, written the
straightforward way with the standard json module. The benchmark times gatekeeper against it,
and its verdicts must match gatekeeper's.

usage: parity_reference.py [NAME=]FILE [NAME=]FILE [--out DIR]
Exit 0 when aligned, 1 on drift, 2 when a capture cannot be used.

Known gap: json.load keeps the last of duplicate keys, so duplicate usage keys (which gatekeeper
reports) go unnoticed here.
"""
import argparse
import datetime
import json
import math
import os
import re
import sys

USAGE_KEYS = ["input", "output", "cache_read", "cache_write", "total_tokens", "cost"]
TOKEN_KEYS = ["input", "output", "cache_read", "cache_write", "total_tokens"]
COST_KEYS = ["input", "output", "cache_read", "cache_write", "total"]
LEGACY_KEYS = {
    "cacheRead": "cache_read", "cacheWrite": "cache_write", "totalTokens": "total_tokens",
    "total": "total_tokens", "prompt_tokens": "input", "completion_tokens": "output",
    "input_tokens": "input", "output_tokens": "output", "inputTokens": "input",
    "outputTokens": "output", "promptTokens": "input", "completionTokens": "output",
    "cache_read_input_tokens": "cache_read", "cache_creation_input_tokens": "cache_write",
    "cached_tokens": "cache_read", "cacheReadTokens": "cache_read", "cacheWriteTokens": "cache_write",
}
LEGACY_COST_KEYS = {"cacheRead": "cache_read", "cacheWrite": "cache_write", "totalCost": "total", "total_cost": "total"}
INT64_MAX = 2**63 - 1


class CaptureError(Exception):
    pass


def type_name(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int):
        return "an integer"
    if isinstance(v, float):
        return "a number"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, list):
        return "an array"
    return "an object"


def reject_constant(name):
    # NaN and Infinity are not JSON; gatekeeper refuses them too.
    raise ValueError(f"{name} is not valid JSON")


def read_capture(path):
    """Event count, final assistant message and where it was found. Only this small result
    outlives the call, so the parsed document is freed before the next file is read."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, parse_constant=reject_constant)
    except OSError as e:
        raise CaptureError(f"{path}: cannot read: {e.strerror}")
    except (ValueError, UnicodeDecodeError) as e:
        raise CaptureError(f"{path}: not valid JSON: {e}")
    if not isinstance(doc, dict):
        raise CaptureError(f'{path}: expected a JSON object with "events", got {type_name(doc)}')
    for key, kind, what in (("run", dict, "an object"), ("agent_state_messages", list, "an array")):
        if key in doc and not isinstance(doc[key], kind):
            raise CaptureError(f'{path}: "{key}" must be {what}, got {type_name(doc[key])}')
    events = doc.get("events")
    if not isinstance(events, list):
        raise CaptureError(f'{path}: no "events" array' if "events" not in doc else f'{path}: "events" must be an array')

    last_message_end = last_agent_end = None
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            raise CaptureError(f"{path}: events[{i}]: expected an object, got {type_name(event)}")
        kind = event.get("type")
        if not isinstance(kind, str):
            raise CaptureError(f'{path}: events[{i}]: no "type"' if "type" not in event else f"{path}: events[{i}].type must be a string")
        if kind == "message_end":
            m = event.get("message")
            if isinstance(m, dict) and m.get("role") == "assistant":
                last_message_end = (m, i)
        elif kind == "agent_end":
            messages = event.get("messages")
            found = [m for m in messages if isinstance(m, dict) and m.get("role") == "assistant"] if isinstance(messages, list) else []
            if found:
                last_agent_end = (found[-1], i)

    final = doc.get("final_assistant")
    if final is not None and not isinstance(final, dict):
        raise CaptureError(f'{path}: "final_assistant" must be an object, got {type_name(final)}')
    if isinstance(final, dict):
        return len(events), final, "final_assistant"
    if last_message_end:
        return len(events), last_message_end[0], f"events[{last_message_end[1]}] (message_end)"
    if last_agent_end:
        return len(events), last_agent_end[0], f"events[{last_agent_end[1]}] (agent_end)"
    raise CaptureError(f'{path}: no assistant message: no "final_assistant", no message_end or agent_end event with an assistant message ({len(events)} events)')


def check_keys(obj, path, expected, legacy):
    found = [(f"{path}.{k}", "missing", "missing") for k in expected if k not in obj]
    for k in obj:
        if k in expected:
            continue
        if k in legacy:
            found.append((f"{path}.{k}", "legacy-key", f'legacy key; the contract names it "{legacy[k]}"'))
        else:
            found.append((f"{path}.{k}", "unexpected-key", "not a key of the usage contract"))
    return found


def check_contract(usage, path):
    """The strict canonical contract, as (path, kind, message) triples."""
    if not isinstance(usage, dict):
        return [(path, "not-an-object", f"expected an object, got {type_name(usage)}")]
    found = check_keys(usage, path, USAGE_KEYS, LEGACY_KEYS)
    for k in TOKEN_KEYS:
        if k not in usage:
            continue
        v, p = usage[k], f"{path}.{k}"
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            found.append((p, "wrong-type", f"expected a non-negative integer, got {type_name(v)}"))
        elif isinstance(v, float):
            found.append((p, "fractional", f"expected an integer token count, got {v!r}"))
        elif v < 0:
            found.append((p, "negative", f"token count is negative ({v})"))
        elif v > INT64_MAX:
            found.append((p, "overflow", f"token count {v} does not fit in a 64-bit integer"))
    if "cost" in usage:
        cost, cost_path = usage["cost"], f"{path}.cost"
        if not isinstance(cost, dict):
            found.append((cost_path, "wrong-type", f"expected an object, got {type_name(cost)}"))
        else:
            found += check_keys(cost, cost_path, COST_KEYS, LEGACY_COST_KEYS)
            for k in COST_KEYS:
                if k not in cost:
                    continue
                v, p = cost[k], f"{cost_path}.{k}"
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    found.append((p, "wrong-type", f"expected a number, got {type_name(v)}"))
                elif not math.isfinite(v):
                    found.append((p, "overflow", f"cost {v} is not a finite number"))
    return found


def drift_signatures(u):
    found = []
    if u["cache_read"] > u["input"]:
        found.append(f"cache_read ({u['cache_read']}) > input ({u['input']}): input is reported net of cache reads, not provider-raw")
    if u["cache_read"] > 0 and u["input"] + u["output"] + u["cache_read"] == u["total_tokens"]:
        found.append(f"total_tokens ({u['total_tokens']}) = input + output + cache_read: a legacy total that adds cache reads on top")
    return found


def side_violations(name, final):
    path = "final_assistant.usage"
    if "usage" not in final:
        return [violation(name, "contract", path, "missing")]
    usage = final["usage"]
    contract = check_contract(usage, path)
    result = [violation(name, "contract", p, m) for p, _, m in contract]
    if not contract:
        result += [violation(name, "drift", path, m) for m in drift_signatures(usage)]
    return result


def violation(capture, kind, path, message):
    return {"capture": capture, "kind": kind, "path": path, "message": message}


def key_diff(a, b, na, nb):
    a, b = set(a), set(b)
    return {f"only_in_{na}": sorted(a - b), f"only_in_{nb}": sorted(b - a), "shared": sorted(a & b)}


def stop_reason(final):
    return final["stop_reason"] if "stop_reason" in final else final.get("stopReason")


def resolve_names(args):
    parsed = []
    for arg in args:
        name, _, rest = arg.partition("=")
        parsed.append([name, rest] if "=" in arg and re.fullmatch(r"[A-Za-z0-9_-]+", name) else [None, arg])
    free = [n for n in ("a", "b") if n not in {p[0] for p in parsed}]
    for i, p in enumerate(parsed):
        if p[0] is None:
            p[0] = free.pop(0) if free else f"capture{i + 1}"
    if parsed[0][0] == parsed[1][0]:
        raise CaptureError(f'both captures are named "{parsed[0][0]}"; give them different names')
    return parsed


def main():
    parser = argparse.ArgumentParser(description="Compare the usage semantics of two run captures.")
    parser.add_argument("captures", nargs=2, metavar="capture", help="NAME=FILE or FILE")
    parser.add_argument("--out", default=".", help="where to write the two report files")
    args = parser.parse_args()
    try:
        (na, fa), (nb, fb) = resolve_names(args.captures)
        (count_a, final_a, source_a), (count_b, final_b, source_b) = read_capture(fa), read_capture(fb)
    except CaptureError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    usage_a, usage_b = final_a.get("usage"), final_b.get("usage")
    usage_keys = key_diff(usage_a if isinstance(usage_a, dict) else [], usage_b if isinstance(usage_b, dict) else [], na, nb)
    violations = []
    if usage_keys[f"only_in_{na}"] or usage_keys[f"only_in_{nb}"]:
        parts = [f"only {n} has {', '.join(usage_keys[f'only_in_{n}'])}" for n in (na, nb) if usage_keys[f"only_in_{n}"]]
        violations.append(violation(None, "usage-key-diff", "usage", "usage key sets differ: " + "; ".join(parts)))
    violations += side_violations(na, final_a) + side_violations(nb, final_b)
    verdict = "drift" if violations else "aligned"
    final_keys = key_diff(final_a, final_b, na, nb)

    diff = {
        f"{na}_event_count": count_a,
        f"{nb}_event_count": count_b,
        "final_assistant_key_diff": final_keys,
        "usage_key_diff": usage_keys,
        "usage_values": {na: usage_a, nb: usage_b},
        "stop_reason": {na: stop_reason(final_a), nb: stop_reason(final_b)},
    }
    summary = {
        "generated_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        f"{na}_file": fa,
        f"{nb}_file": fb,
        f"{na}_event_count": count_a,
        f"{nb}_event_count": count_b,
        f"{na}_usage": usage_a,
        f"{nb}_usage": usage_b,
        "verdict": verdict,
        "violations": violations,
    }
    os.makedirs(args.out, exist_ok=True)
    written = []
    for name, value in (("usage_parity_diff.json", diff), ("usage_parity_summary.json", summary)):
        path = os.path.join(args.out, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(value, f, indent=2, ensure_ascii=False)
            f.write("\n")
        written.append(path)

    for name, path, count, source in ((na, fa, count_a, source_a), (nb, fb, count_b, source_b)):
        print(f"{name}: {path}, {count} events, final assistant message from {source}")
    only = [f"only in {n}: {', '.join(final_keys[f'only_in_{n}'])}" for n in (na, nb) if final_keys[f"only_in_{n}"]]
    print("; ".join([f"final assistant keys: {len(final_keys['shared'])} shared"] + only))
    for v in violations:
        print(f"{v['kind']} {v['capture'] + ': ' if v['capture'] else ''}{v['path']}: {v['message']}")
    print(f"verdict: {verdict}")
    print(f"wrote {', '.join(written)}")
    return 0 if verdict == "aligned" else 1


if __name__ == "__main__":
    sys.exit(main())
