#!/usr/bin/env bash
# Overhead of `tcguard run` over calling the CLI directly: the median extra time of a read-only
# command (fast path: no policy load) and of a confirmed guarded command (policy, decision, audit
# line), each against the same recording stub called directly. Also the `taskcluster` masquerade.
#
# Usage: bench/run_overhead.sh [BUILD_DIR]   (default: build-run). Needs hyperfine
# (`apt-get install -y hyperfine`); prints hyperfine's table and the median differences in ms.
set -euo pipefail
build=${1:-build-run}
here=$(cd "$(dirname "$0")/.." && pwd)
tcguard=$(cd "$here" && realpath "$build/tcguard")
command -v hyperfine >/dev/null || { echo "hyperfine not found (apt-get install -y hyperfine)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/real" "$work/bin"
# The stub: a tiny static-free C program would be faster than sh, but sh is what the e2e tests use;
# the overhead is the difference, so the stub's own cost cancels out.
cat > "$work/real/taskcluster" <<'STUB'
#!/bin/sh
exit 0
STUB
chmod +x "$work/real/taskcluster"
ln -s "$tcguard" "$work/bin/taskcluster"

export HOME="$work" XDG_CONFIG_HOME="$work/config" TCGUARD_AUDIT_LOG="$work/audit.jsonl"
export TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/
export TCGUARD_TASKCLUSTER="$work/real/taskcluster"
unset TCGUARD_POLICY TCGUARD_CONFIRM

json="$work/results.json"
hyperfine -N --warmup 50 --runs "${RUNS:-500}" --export-json "$json" \
  -n direct "$work/real/taskcluster task status fQ7RkAcgSBeZ4B8GQNcDhA" \
  -n run-read-only "$tcguard run -- taskcluster task status fQ7RkAcgSBeZ4B8GQNcDhA" \
  -n masquerade-read-only "$work/bin/taskcluster task status fQ7RkAcgSBeZ4B8GQNcDhA" \
  -n run-guarded-confirmed "$tcguard run --confirm firefoxci -- taskcluster task rerun fQ7RkAcgSBeZ4B8GQNcDhA"

python3 - "$json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["direct"]["median"]
print(f"\nmedian direct stub: {base*1000:.3f} ms")
for name in ("run-read-only", "masquerade-read-only", "run-guarded-confirmed"):
    m = r[name]["median"]
    print(f"{name:24s} median {m*1000:.3f} ms   extra {(m-base)*1000:+.3f} ms")
PY
echo "audit lines written: $(wc -l < "$TCGUARD_AUDIT_LOG")"
