#!/usr/bin/env bash
# The bundled example: the usage contract suite, the parity suite on sample captures that ship
# with the project (an aligned Rust/Python pair and two drifted Python captures), then the whole
# loop — check, rollout, evidence verify — on a registry, upstream and target built on the spot.
set -u
bin=${1:-.build/debug/gatekeeper}
out=${DEMO_OUT:-out/demo}
examples=Examples/captures
rm -rf "$out"
mkdir -p "$out"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
say() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
fail() { echo "demo: $*" >&2; exit 1; }

say "gatekeeper and the C libraries it runs with"
"$bin" --version || fail "the binary does not run"

say "1. The usage contract suite (built-in cases)"
"$bin" contracts --junit "$out/contracts.junit.xml" || fail "the contract suite failed"
echo "→ every built-in case holds; JUnit report in $out/contracts.junit.xml"

say "2. Parity: the Rust path and the Python path of the same run"
"$bin" parity rust=$examples/rust.json python=$examples/python.json --out "$out/aligned" \
    || fail "the aligned pair was not found aligned"
echo "→ same usage key set, both on the contract, no drift: aligned (exit 0)"

step=3
for drifted in python-net-of-cache python-legacy-total; do
    say "$step. Parity against $drifted.json (a Python path that has not taken the fix)"
    step=$((step + 1))
    "$bin" parity rust=$examples/rust.json python=$examples/$drifted.json --out "$out/$drifted"
    rc=$?
    [ "$rc" -eq 1 ] || fail "expected drift (exit 1), got exit $rc"
    echo "→ drift found (exit 1), as it should be"
done

say "$step. The whole loop on a bundled example: registry, upstream, target; check, rollout, evidence"
rm -rf "$out/world"
"$bin" demo --out "$out/world" || fail "the end-to-end example failed"

say "make demo is done"
echo "Parity reports: $out/aligned/usage_parity_summary.json, $out/*/usage_parity_diff.json"
echo "Evidence bundle: $out/world/target/data/evidence/alchemy-llm-0.1.2 (PR.md is the pull request text)"
