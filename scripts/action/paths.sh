#!/usr/bin/env bash
# The action's first step: where the binary and the check cache live, and their cache keys.
#   bin-dir, build-key          the built gatekeeper: one build per gatekeeper source and system
#   cache-dir, cache-key,       the registry/upstream cache `check` and `rollout` keep between
#   cache-restore-key           runs (a new cache each run, the newest restored)
set -euo pipefail
. "$GITHUB_ACTION_PATH/scripts/action/common.sh"

command="${INPUT_COMMAND:-check}"
case "$command" in
    check|rollout|evidence-verify) ;;
    *) fail "command '$command' is not one of check, rollout, evidence-verify" ;;
esac
workdir="$GITHUB_WORKSPACE/${INPUT_WORKING_DIRECTORY:-.}"
[ -d "$workdir" ] || fail "working-directory '${INPUT_WORKING_DIRECTORY:-}' is not a folder of the workspace"

# The binary is built from the action's own files: its ref says which, a digest of what it is
# built from says it again when a tag or branch moves (Package.resolved is not committed, so
# Package.swift's requirements stand for it). The system is in the key too: a binary built
# against Debian 12's libgit2 1.5 does not load where 1.7 is installed.
ref="$(printf '%s' "${GATEKEEPER_ACTION_REF:-local}" | tr -c 'A-Za-z0-9._-' '-' | cut -c1-64)"
files=(Package.swift Sources)
[ -f "$GITHUB_ACTION_PATH/Package.resolved" ] && files+=(Package.resolved)
source_digest="$(cd "$GITHUB_ACTION_PATH" && find "${files[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
system="$( . /etc/os-release 2>/dev/null; printf '%s-%s' "${ID:-linux}" "${VERSION_ID:-0}")-$(uname -m)"

# One check cache per configuration: a matrix of repositories checked out to the same folder
# must not share one.
config="${INPUT_CONFIG:-gatekeeper.toml}"
case "$config" in /*) ;; *) config="$workdir/$config" ;; esac
config_digest="$( { sha256sum "$config" 2>/dev/null || echo none; } | cut -c1-12)"

bin_dir="$RUNNER_TEMP/gatekeeper-bin"
{
    echo "bin-dir=$bin_dir"
    echo "build-key=gatekeeper-build-$system-$ref-$source_digest"
    echo "cache-dir=$RUNNER_TEMP/gatekeeper-cache"
    echo "cache-key=gatekeeper-cache-$config_digest-${GITHUB_RUN_ID:-0}-${GITHUB_RUN_ATTEMPT:-1}-$command"
    echo "cache-restore-key=gatekeeper-cache-$config_digest-"
} >> "$GITHUB_OUTPUT"
# Later steps of the job can call `gatekeeper` too.
echo "$bin_dir" >> "$GITHUB_PATH"
