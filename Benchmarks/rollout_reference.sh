#!/bin/sh
# The rollout's mechanics done by hand with the git CLI and sha256sum, for `make bench` to time
# against `gatekeeper rollout`: branch, bump both manifests and lockfiles, copy the two
# captures into an evidence folder, run QA (`true`), write SHA256SUMS, commit.
# usage: rollout_reference.sh REPO RUST_CAPTURE PYTHON_CAPTURE
set -eu
repo=$1 rust=$2 python=$3
cd "$repo"
evidence=data/evidence/alchemy-llm-0.1.2
git switch -q -c deps/alchemy-llm-0.1.2
sed -i 's/"0\.1\.1"/"0.1.2"/' Cargo.toml bindings/alchemy_llm_py/Cargo.toml
sed -i '/^name = "alchemy-llm"$/{n;s/0\.1\.1/0.1.2/}' Cargo.lock bindings/alchemy_llm_py/Cargo.lock
mkdir -p "$evidence/captures"
cp "$rust" "$evidence/captures/rust.json"
cp "$python" "$evidence/captures/python.json"
git diff > "$evidence/manifests.diff"
true > "$evidence/qa.log"
(cd "$evidence" && find . -type f ! -name SHA256SUMS | sort | xargs sha256sum > SHA256SUMS)
git add -A
git commit -q -m "Bump alchemy-llm from 0.1.1 to 0.1.2"
