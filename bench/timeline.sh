#!/usr/bin/env bash
# Samples one `gen build` with perf and prints, per 100 ms of the build, how many samples fell in
# it (the most both cores can give is 2 × FREQ / 10) and, for each window where they were short
# of it by a fifth or more, the functions of gen that ran then. A window short of samples is a
# core with nothing to do: the end of a stage that one thread finishes alone, a lock, a serial
# step. This is how the thirteenth round found rendering ending with one core idle for 0.4 s
# (see bench/README.md).
#
# usage: bench/timeline.sh SITE [OUT]       (SITE: a site's root, e.g. $WORK/n1000/gen)
# env:   GEN=target/release/gen  FREQ=250   sampling frequency per core, in Hz
# needs: perf (Debian: linux-perf) and python3; the binary's debug info names the functions.
set -euo pipefail

SITE=${1:?usage: bench/timeline.sh SITE [OUT]}
OUT=${2:-${TMPDIR:-/tmp}/gen-timeline-out}
GEN=${GEN:-target/release/gen}
FREQ=${FREQ:-250}
command -v perf >/dev/null || { echo "needs perf (Debian: apt-get install linux-perf)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$OUT"
perf record -q -F "$FREQ" --call-graph dwarf,16384 -o "$tmp/perf.data" \
    "$GEN" build --root "$SITE" --output "$OUT" >/dev/null 2>&1
perf script -i "$tmp/perf.data" -F tid,time,ip,sym --no-inline 2>/dev/null >"$tmp/samples.txt"
FREQ=$FREQ python3 - "$tmp/samples.txt" <<'PY'
import collections, os, sys

samples, cur = [], None
for line in open(sys.argv[1]):
    if not line.strip():
        if cur:
            samples.append(cur)
        cur = None
    elif line[0] != "\t":
        # A sample's first line: its thread id (right-aligned, so it may start with spaces) and time.
        parts = line.split()
        cur = [float(parts[1].rstrip(":")), parts[0], []]
    elif cur is not None:
        frame = line.strip().split(None, 1)
        cur[2].append(frame[1].split("+0x")[0] if len(frame) > 1 else "?")
if cur:
    samples.append(cur)
if not samples:
    sys.exit("no samples: is perf allowed to sample (kernel.perf_event_paranoid)?")
full = 2 * int(os.environ["FREQ"]) // 10
t0 = samples[0][0]
windows = collections.defaultdict(list)
for s in samples:
    windows[int((s[0] - t0) * 10)].append(s)
print(f"samples per 100 ms (both cores busy: {full})")
print(" ".join(f"{k / 10:.1f}s:{len(v)}" for k, v in sorted(windows.items())))
for k, v in sorted(windows.items()):
    if len(v) < full * 4 // 5:
        funcs = collections.Counter()
        for s in v:
            ours = [f for f in s[2] if "roadmap_gen::" in f]
            funcs[" < ".join(f[:60] for f in ours[:2]) or "(outside gen)"] += 1
        top = "; ".join(f"{n}× {f}" for f, n in funcs.most_common(3))
        print(f"{k / 10:.1f}s {len(v)}/{full}: {top}")
PY
