#!/usr/bin/env bash
# Two builds of bench_shell (say, before and after a change), run in turns so that the VM's load
# affects both alike; prints each round's medians and the old/new ratio per benchmark.
# Usage: bench/compare_shell.sh OLD_BENCH_SHELL NEW_BENCH_SHELL [ROUNDS (default 3)] [FILTER]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 OLD_BENCH_SHELL NEW_BENCH_SHELL [ROUNDS] [FILTER]" >&2
  exit 2
fi
old="$1"
new="$2"
rounds="${3:-3}"
filter="${4:-.}"
for bin in "$old" "$new"; do
  [ -x "$bin" ] || { echo "$0: not an executable: $bin" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {
  "$1" --benchmark_filter="$filter" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_format=json > "$2" 2>/dev/null
}

for round in $(seq 1 "$rounds"); do
  run "$old" "$tmp/old.json"
  run "$new" "$tmp/new.json"
  echo "round $round:"
  python3 - "$tmp/old.json" "$tmp/new.json" <<'PY'
import json, sys

scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}

def medians(path):
    out = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("aggregate_name") == "median":
            out[b["run_name"]] = b["real_time"] * scale[b["time_unit"]]
    return out

old, new = medians(sys.argv[1]), medians(sys.argv[2])
for name in old:
    if name in new:
        print(f"  {name:32s} old {old[name]:12.3f} ms   new {new[name]:12.3f} ms   old/new {old[name] / new[name]:5.2f}")
PY
done
