#!/usr/bin/env bash
# Time from saving one document to the reload message on the page's WebSocket, with `gen serve`
# on a generated corpus of N roadmaps × 3 languages (default 1000, about 15,000 pages).
#
#   bench/serve_reload.sh [N] [EDITS]
#
# Builds release binaries, writes the corpus into a temporary folder (removed afterwards), runs
# the measurement twice (writes in place, then saves by rename) and prints the medians.
# Everything talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
EDITS="${2:-40}"

cargo build --release --quiet --bin gen --bin gen-corpus --example serve_reload
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
target/release/gen-corpus --roadmaps "$N" --seed 1 --out "$DIR/site" >/dev/null
target/release/examples/serve_reload --gen target/release/gen --root "$DIR/site" --edits "$EDITS"
target/release/examples/serve_reload --gen target/release/gen --root "$DIR/site" --edits "$EDITS" --rename
