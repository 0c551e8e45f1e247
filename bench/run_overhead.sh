#!/usr/bin/env bash
# Overhead of `tcguard run` over calling the CLI directly: the median extra time of a read-only
# command (fast path: no policy load) and of a confirmed guarded command (policy, decision, audit
# line), each against the same recording stub called directly. Also the `taskcluster` masquerade.
#
# For scale it also times the cheapest possible wrapper, `exec-floor`: a C program that only execs
# the stub. No wrapper that adds a process image can beat it, so "extra over the floor" is what
# tcguard itself costs, and the floor is what the machine charges for one more exec.
#
# Usage: bench/run_overhead.sh [BUILD_DIR]   (default: build; a Release build is what users run).
# Needs hyperfine (`apt-get install -y hyperfine`) and cc; prints hyperfine's table and the
# median differences in ms. RUNS sets the runs per command (default 500).
set -euo pipefail
build=${1:-build}
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
printf '#include <unistd.h>\nint main(int c, char** v) { (void)c; execv("%s", v); return 127; }\n' \
  "$work/real/taskcluster" > "$work/floor.c"
cc -O2 -o "$work/exec-floor" "$work/floor.c"
ln -s "$tcguard" "$work/bin/taskcluster"

export HOME="$work" XDG_CONFIG_HOME="$work/config" TCGUARD_AUDIT_LOG="$work/audit.jsonl"
export TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/
export TCGUARD_TASKCLUSTER="$work/real/taskcluster"
unset TCGUARD_POLICY TCGUARD_CONFIRM

json="$work/results.json"
hyperfine -N --warmup 50 --runs "${RUNS:-500}" --export-json "$json" \
  -n direct "$work/real/taskcluster task status fQ7RkAcgSBeZ4B8GQNcDhA" \
  -n exec-floor "$work/exec-floor task status fQ7RkAcgSBeZ4B8GQNcDhA" \
  -n run-read-only "$tcguard run -- taskcluster task status fQ7RkAcgSBeZ4B8GQNcDhA" \
  -n masquerade-read-only "$work/bin/taskcluster task status fQ7RkAcgSBeZ4B8GQNcDhA" \
  -n run-guarded-confirmed "$tcguard run --confirm firefoxci -- taskcluster task rerun fQ7RkAcgSBeZ4B8GQNcDhA"

python3 - "$json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["direct"]["median"]
floor = r["exec-floor"]["median"]
print(f"\nmedian direct stub: {base*1000:.3f} ms; exec-floor adds {(floor-base)*1000:+.3f} ms")
for name in ("run-read-only", "masquerade-read-only", "run-guarded-confirmed"):
    m = r[name]["median"]
    print(f"{name:24s} median {m*1000:.3f} ms   extra {(m-base)*1000:+.3f} ms"
          f"   over the floor {(m-floor)*1000:+.3f} ms   extra / floor's extra {(m-base)/(floor-base):.2f}")
PY
echo "audit lines written: $(wc -l < "$TCGUARD_AUDIT_LOG")"
