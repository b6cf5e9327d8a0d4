#!/usr/bin/env bash
# The C libraries gatekeeper links (libcurl, libgit2, libarchive), from the distribution. A
# cached binary whose libraries all load needs no package; a build needs the -dev packages (which
# bring the run-time ones under each distribution's own names). cargo for a rollout, hit or miss.
set -euo pipefail
. "$GITHUB_ACTION_PATH/scripts/action/common.sh"

bin="$GATEKEEPER_BIN_DIR/gatekeeper"
packages=(libcurl4-openssl-dev libgit2-dev libarchive-dev pkg-config)
if [ "${CACHE_HIT:-}" = true ] && [ -x "$bin" ] && ! ldd "$bin" 2>&1 | grep -q 'not found'; then
    packages=()
fi
cargo=(--no-cargo)
[ "${INPUT_COMMAND:-check}" = rollout ] && cargo=()
# deps.sh installs only what is missing: nothing at all on a warm check.
bash "$GITHUB_ACTION_PATH/scripts/deps.sh" "${cargo[@]}" "${packages[@]}"
