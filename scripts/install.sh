#!/usr/bin/env bash
# `make install`: the binary, its man page and its shell completions under PREFIX
# (bin/, share/man/man1/, share/bash-completion, share/zsh, share/fish).
set -euo pipefail
bin="$1"
prefix="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$bin" "$prefix/bin/gatekeeper"
install -m 0644 "$root/docs/gatekeeper.1" "$prefix/share/man/man1/gatekeeper.1"
# The completions come from the binary itself (swift-argument-parser), so they match it.
"$bin" --generate-completion-script bash > "$prefix/share/bash-completion/completions/gatekeeper"
"$bin" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_gatekeeper"
"$bin" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/gatekeeper.fish"
echo "installed gatekeeper in $prefix"
