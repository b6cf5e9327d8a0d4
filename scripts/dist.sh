#!/usr/bin/env bash
# `make dist`: dist/gatekeeper-VERSION-linux-ARCH.tar.gz (the release binary with the Swift
# runtime linked in, the man page, completions, README) and its SHA-256 beside it in
# sha256sum's format. At run time it needs only Debian's libcurl4, libgit2-1.5 and libarchive13.
set -euo pipefail
bin="$1"
version="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
name="gatekeeper-$version-linux-$(uname -m)"
stage="$root/dist/$name"
rm -rf "$stage" "$root/dist/$name.tar.gz" "$root/dist/$name.tar.gz.sha256"
bash "$root/scripts/install.sh" "$bin" "$stage" >/dev/null
install -m 0644 "$root/README.md" "$stage/README.md"
# Reproducible: sorted names, fixed owner and the commit's time (not the build's).
mtime="@$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C "$root/dist" -czf "$root/dist/$name.tar.gz" "$name"
rm -rf "$stage"
(cd "$root/dist" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist/$name.tar.gz"
echo "dist/$name.tar.gz.sha256: $(cut -d' ' -f1 "$root/dist/$name.tar.gz.sha256")"
