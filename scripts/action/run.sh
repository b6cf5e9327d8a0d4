#!/usr/bin/env bash
# The action's command, in working-directory. gatekeeper itself writes the step outputs
# (check: open, version, latest; rollout and evidence verify: bundle) and the job summary.
# check: exit 0 (open) and 1 (closed: a verdict) pass the step, 2 (an error) fails it;
# rollout and evidence-verify: anything but 0 fails it.
set -uo pipefail
. "$GITHUB_ACTION_PATH/scripts/action/common.sh"

gk="$GATEKEEPER_BIN_DIR/gatekeeper"
[ -x "$gk" ] || fail "no gatekeeper binary in $GATEKEEPER_BIN_DIR (did the build step fail?)"
cd "$GITHUB_WORKSPACE" && cd -- "${INPUT_WORKING_DIRECTORY:-.}" ||
    fail "working-directory '${INPUT_WORKING_DIRECTORY:-}' is not a folder of the workspace"

# args: quotes group words, nothing is expanded or run (xargs, not eval).
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then
    list="$RUNNER_TEMP/gatekeeper-args"
    printf '%s' "$INPUT_ARGS" | xargs -r printf '%s\0' > "$list" 2> "$list.err" ||
        fail "args: $(head -c 200 "$list.err")"
    mapfile -d '' extra < "$list"
fi
config=()
[ -n "${INPUT_CONFIG:-}" ] && config=(--config "$INPUT_CONFIG")
version="${INPUT_VERSION:-}"

status=0
case "${INPUT_COMMAND:-check}" in
    check)
        GITHUB_TOKEN="${INPUT_GITHUB_TOKEN:-}" "$gk" check --repo . "${config[@]}" --cache-dir "$GATEKEEPER_CACHE_DIR" \
            ${version:+--version "$version"} "${extra[@]}" || status=$?
        case $status in
            0) say "gate open" ;;
            1) say "gate closed (a verdict, not a failure)"; status=0 ;;
            *) say "::error::gatekeeper check failed (exit $status)" ;;
        esac
        ;;
    rollout)
        [ -n "$version" ] || fail "command rollout needs the version input (a check step's version output)"
        # With a token the branch is pushed and the pull request opened; github-token: '' keeps it local.
        pr=()
        [ -n "${INPUT_GITHUB_TOKEN:-}" ] && pr=(--open-pr)
        GITHUB_TOKEN="${INPUT_GITHUB_TOKEN:-}" "$gk" rollout --repo . "${config[@]}" --cache-dir "$GATEKEEPER_CACHE_DIR" \
            --version "$version" "${pr[@]}" "${extra[@]}" || status=$?
        [ $status = 0 ] || say "::error::gatekeeper rollout did not complete (exit $status)"
        ;;
    evidence-verify)
        [ ${#extra[@]} -gt 0 ] || fail "command evidence-verify needs the bundle folder in args (a rollout step's bundle output)"
        "$gk" evidence verify "${extra[@]}" || status=$?
        [ $status = 0 ] || say "::error::the evidence bundle does not verify (exit $status)"
        ;;
    *) fail "command '${INPUT_COMMAND:-}' is not one of check, rollout, evidence-verify" ;;
esac
exit $status
