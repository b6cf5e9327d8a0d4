#!/usr/bin/env bash
# What `make deps` (and so `make test` and `make demo`) installs: the Debian packages given as
# arguments that are missing, and cargo when there is no Rust toolchain (not with --no-cargo: the
# GitHub Action's check needs none). One line per package; apt's and dpkg's own output goes to a
# log, printed only when the install fails.
set -u
want_cargo=1
if [ "${1:-}" = --no-cargo ]; then want_cargo=0; shift; fi
log="${GATEKEEPER_DEPS_LOG:-${TMPDIR:-/tmp}/gatekeeper-deps.log}"
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

missing=()
for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# Lockfiles go through the real cargo; Debian's package when no Rust toolchain is installed.
[ $want_cargo = 0 ] || command -v cargo >/dev/null 2>&1 || [ -x "$HOME/.cargo/bin/cargo" ] || missing+=(cargo)
[ ${#missing[@]} -eq 0 ] && exit 0

for p in "${missing[@]}"; do echo "installing $p"; done
: > "$log"
if ! { $sudo apt-get update >>"$log" 2>&1 &&
       DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; }; then
    echo "installing ${missing[*]} failed; apt-get said ($log):" >&2
    cat "$log" >&2
    exit 1
fi
