#!/usr/bin/env bash
# `tcguard scopes satisfies --have-file F EXPR` as a whole process against taskcluster-lib-scopes'
# satisfiesExpression inside node, on the same data in the same run: 100,000 held scopes
# (bench/scopes_data.py: Taskcluster-shaped, unsorted, with duplicates and covered scopes) and an
# AnyOf of 1,000 alternatives of which only the last is satisfied, so neither side can stop early.
#
# Usage: bench/scopes_vs_lib.sh [BUILD_DIR [BASE_BUILD_DIR]]   (default: build)
#   BASE_BUILD_DIR: a build of an older tree; its tcguard is timed in turn with this one's (A B A B)
#   and the before/after ratio printed.
# Environment: RUNS (tcguard processes per build, default 20), NODE_RUNS (in-process calls, default
# 3), HELD (default 100000), ANY_OF (default 1000). Needs python3, node and npm; when the npm
# registry cannot be reached the node comparison is skipped, loudly, and only tcguard is timed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
base=${2:-}
tcguard=$(cd "$here" && realpath "$build/tcguard")
base_tcguard=""
[ -n "$base" ] && base_tcguard=$(cd "$here" && realpath "$base/tcguard")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/bench/scopes_data.py" "${HELD:-100000}" "${ANY_OF:-1000}" "$work"
echo "data: $(wc -l < "$work/held.txt") held scopes ($(wc -c < "$work/held.txt") bytes), an AnyOf of ${ANY_OF:-1000}"

# Same answer from each tcguard first: a fast wrong answer is no figure.
expect=$("$tcguard" --format json scopes satisfies --have-file "$work/held.txt" "$(cat "$work/expr.json")")
if [ -n "$base_tcguard" ]; then
  got=$("$base_tcguard" --format json scopes satisfies --have-file "$work/held.txt" "$(cat "$work/expr.json")")
  [ "$got" = "$expect" ] || { echo "the two builds disagree:"; diff <(echo "$expect") <(echo "$got"); exit 1; }
fi

node_ms=""
if mkdir -p "$work/npm" && (cd "$work/npm" && timeout 300 npm install --silent --no-audit --no-fund \
     taskcluster-lib-scopes@11.0.0 >"$work/npm.log" 2>&1); then
  cat > "$work/lib.js" <<'JS'
'use strict';
// Times satisfiesExpression alone: the file is read and split before the clock starts.
const fs = require('fs');
const lib = require(process.argv[2] + '/node_modules/taskcluster-lib-scopes');
const held = fs.readFileSync(process.argv[3], 'utf8').split(/\r?\n/).filter(s => s.length > 0);
const expr = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
const runs = Number(process.argv[5]);
const times = [];
let answer;
for (let i = 0; i < runs; ++i) {
  const t0 = process.hrtime.bigint();
  answer = lib.satisfiesExpression(held, expr);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ satisfied: answer, median_ms: times[Math.floor(times.length / 2)], times }));
JS
  lib_out=$(node "$work/lib.js" "$work/npm" "$work/held.txt" "$work/expr.json" "${NODE_RUNS:-3}")
  node_ms=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["median_ms"])' "$lib_out")
  lib_satisfied=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["satisfied"])' "$lib_out")
  our_satisfied=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["satisfied"])' "$expect")
  [ "$lib_satisfied" = "$our_satisfied" ] || { echo "taskcluster-lib-scopes says $lib_satisfied, tcguard $our_satisfied"; exit 1; }
  echo "taskcluster-lib-scopes satisfiesExpression in node: median $node_ms ms of ${NODE_RUNS:-3} (in-process, the call alone)"
else
  echo
  echo "*** SKIPPED: npm could not install taskcluster-lib-scopes@11.0.0 (registry unreachable?);"
  echo "*** tcguard is timed, but NOT compared with the library. npm said:"
  sed 's/^/***   /' "$work/npm.log" | tail -5
  echo
fi

# Whole processes, in turn when there are two builds, so a drift of the machine hits both.
python3 - "$work" "${RUNS:-20}" "$node_ms" "$tcguard" "$base_tcguard" <<'PY'
import os, statistics, subprocess, sys, time
work, runs, node_ms, new, old = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
expr = open(os.path.join(work, "expr.json")).read()
builds = [("this build", new)] + ([("base build", old)] if old else [])
wall = {name: [] for name, _ in builds}
cpu = {name: [] for name, _ in builds}
for i in range(runs + 1):  # the first round warms the caches and is not counted
    for name, exe in builds:
        before = os.times()
        t0 = time.perf_counter()
        r = subprocess.run([exe, "scopes", "satisfies", "--have-file", os.path.join(work, "held.txt"), expr],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t1 = time.perf_counter()
        after = os.times()
        if r.returncode != 0:
            sys.exit(f"{name} exited {r.returncode}")
        if i > 0:
            wall[name].append((t1 - t0) * 1000)
            cpu[name].append((after.children_user + after.children_system - before.children_user - before.children_system) * 1000)
for name, _ in builds:
    print(f"tcguard scopes satisfies, {name}: median wall {statistics.median(wall[name]):.1f} ms, "
          f"cpu {statistics.median(cpu[name]):.1f} ms, of {runs} whole processes")
if old:
    pairs = [o / n for o, n in zip(wall["base build"], wall["this build"])]
    print(f"base build / this build, wall, pair by pair: median {statistics.median(pairs):.2f}x "
          f"(min {min(pairs):.2f}, max {max(pairs):.2f})")
if node_ms:
    m = statistics.median(wall["this build"])
    print(f"taskcluster-lib-scopes in-process / tcguard whole process: {float(node_ms) / m:.0f}x")
    if old:
        print(f"  (the base build: {float(node_ms) / statistics.median(wall['base build']):.0f}x)")
PY
