#!/usr/bin/env bash
# Builds gatekeeper from the action's own files when no cached build matches: a release build
# with the Swift runtime linked in (as `make dist`), in the runner's temporary folder.
set -euo pipefail
. "$GITHUB_ACTION_PATH/scripts/action/common.sh"

# A second use of the action in the same job finds the first one's build (the cache is saved
# only when the job ends).
stamp="$GATEKEEPER_BIN_DIR/.build-key"
if [ -x "$GATEKEEPER_BIN_DIR/gatekeeper" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$GATEKEEPER_BUILD_KEY" ]; then
    exit 0
fi
command -v swift >/dev/null 2>&1 ||
    fail "building gatekeeper needs Swift 6 on a cache miss: run the job in the swift:6.3-bookworm container"
scratch="$RUNNER_TEMP/gatekeeper-build"
say "building gatekeeper (once per gatekeeper version; later runs use the cached binary)"
swift build -c release --static-swift-stdlib --product gatekeeper \
    --package-path "$GITHUB_ACTION_PATH" --scratch-path "$scratch"
mkdir -p "$GATEKEEPER_BIN_DIR"
install -m 0755 "$scratch/release/gatekeeper" "$GATEKEEPER_BIN_DIR/gatekeeper"
printf '%s' "$GATEKEEPER_BUILD_KEY" > "$stamp"
