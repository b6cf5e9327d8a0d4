#!/usr/bin/env bash
# make fuzz: libFuzzer (with AddressSanitizer) over every parser that reads untrusted input,
# each for FUZZ_SECONDS, seeded from the test fixtures. Writes Fuzz/last-run.txt for
# docs/RELIABILITY.md and exits non-zero if any input crashed, hung or ran out of memory.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"

SECONDS_EACH="${FUZZ_SECONDS:-30}"
TARGETS="${FUZZ_TARGETS:-index changelog manifest capture usage package config redaction depth printable}"
SWIFT="${SWIFT:-swift}"
CASES=../Sources/Usage/ContractCases

# -parse-as-library sits in Package.swift: the harness has no main, libFuzzer's is used.
# swiftc keeps only the last -sanitize= it is given, so SwiftPM's two flags alone leave the
# Swift code without coverage (libFuzzer then finds nothing new); the combined flag comes last.
FLAGS=(-c release --product gatekeeper-fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
"$SWIFT" build "${FLAGS[@]}"
BIN="$("$SWIFT" build "${FLAGS[@]}" --show-bin-path)/gatekeeper-fuzz"

# The contract cases wrap what the parser reads in "input"; seed with both forms.
seed_cases() { # glob-prefix destination
    local f
    for f in "$CASES"/$1-*.json; do
        cp "$f" "$2/"
        python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["input"]))' "$f" \
            > "$2/input-$(basename "$f")" 2>/dev/null || rm -f "$2/input-$(basename "$f")"
    done
}

# Working corpora (git-ignored) grow across runs; the committed seeds are copied in each time.
seed() { # target
    local dir="work/$1"
    mkdir -p "$dir"
    if [ -d "corpus/$1" ]; then cp corpus/"$1"/* "$dir/" 2>/dev/null || true; fi
    case "$1" in
        capture) seed_cases capture "$dir"; cp ../Examples/captures/*.json "$dir/" ;;
        usage)   seed_cases normalize "$dir"; seed_cases validate "$dir"; seed_cases overflow "$dir" ;;
    esac
}

summary=last-run.txt
: > "$summary.tmp"
failed=0
for t in $TARGETS; do
    seed "$t"
    art="artifacts/$t"
    mkdir -p "$art"
    before=$(find "$art" -type f | wc -l)
    log="work/$t.log"
    touch "$log.start"
    # -timeout: an input that takes 10 s is a hang; rss limit: a parser must not balloon.
    # No leak detection: Foundation's NSRegularExpression keeps an allocation LeakSanitizer sees
    # no pointer to, so a run that made a static regex (the claim cues) ended in a leak report;
    # growth across inputs is still caught by the rss limit.
    ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    FUZZ_TARGET="$t" "$BIN" "work/$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$art/" > "$log" 2>&1 && rc=0 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    # Fallback: the last "#N" status line libFuzzer printed.
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -1)
    crashes=$(( $(find "$art" -type f | wc -l) - before ))
    # libFuzzer stops at the first crash; a non-zero exit without an artifact still counts.
    [ "$rc" -eq 0 ] || [ "$crashes" -gt 0 ] || crashes=1
    printf '%-10s seconds=%s executions=%s crashes=%s\n' "$t" "$SECONDS_EACH" "${execs:-0}" "$crashes"
    printf '%s %s %s %s\n' "$t" "$SECONDS_EACH" "${execs:-0}" "$crashes" >> "$summary.tmp"
    if [ "$crashes" -gt 0 ]; then
        failed=1
        # Each new input joins the regression set that `make test` replays (FuzzReplayTests).
        mkdir -p "crashes/$t"
        find "$art" -type f -newer "$log.start" | while read -r f; do
            cp "$f" "crashes/$t/$(basename "$f" | sed 's/^[a-z-]*-//')"
        done
        echo "  crash input(s) copied to Fuzz/crashes/$t/ (replayed by make test), log in Fuzz/$log:"
        grep -m3 -E 'ERROR|Fatal error|deadly signal|Test unit written' "$log" | sed 's/^/    /'
    fi
done
{ echo "# target seconds executions crashes (scripts/fuzz.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ))"; cat "$summary.tmp"; } > "$summary"
rm -f "$summary.tmp"
exit "$failed"
