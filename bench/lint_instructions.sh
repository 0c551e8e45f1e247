#!/usr/bin/env bash
# Instructions that `tcguard lint` executes (valgrind's callgrind: a count, not a time, so the same
# binary and input give the same figure on a loaded VM) on three sets of shell text:
#   dense        one 1 MB file: bench_shell's rc chunk repeated (aliases, functions, case, $(..))
#   rc           300 copies of that chunk, one 1.9 KB rc file each
#   completions  Debian's bash-completion scripts (real shell code; skipped when not installed)
# Usage: bench/lint_instructions.sh [path/to/tcguard...]   (default: build/tcguard)
# With two or more binaries, each later one is compared with the first (first/later: >1 is fewer).
set -euo pipefail
cd "$(dirname "$0")/.."
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(build/tcguard)
command -v valgrind >/dev/null || { echo "$0: needs valgrind" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/dense" "$dir/rc" "$dir/completions"
# The chunk is the one bench/shell.cpp measures, so that both benchmarks speak of the same text.
python3 - "$dir" <<'PY'
import sys
src = open("bench/shell.cpp").read()
chunk = src[src.index('R"RC(') + 5:src.index(')RC"')]
out = sys.argv[1]
open(f"{out}/dense/big.sh", "w").write(chunk * (1048576 // len(chunk) + 1))
for i in range(300):
    open(f"{out}/rc/rc{i}.sh", "w").write(chunk)
PY
if [ -d /usr/share/bash-completion/completions ]; then
  for f in /usr/share/bash-completion/completions/*; do
    [ -f "$f" ] && [ ! -L "$f" ] && cp "$f" "$dir/completions/$(basename "$f").bash"
  done
fi
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'
}
for set in dense rc completions; do
  bytes=$(find "$dir/$set" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  if [ "$bytes" -eq 0 ]; then
    echo "$set: no files (skipped)"
    continue
  fi
  first=""
  for tcguard in "${binaries[@]}"; do
    n=$(count "$tcguard" --format json lint --fail-on error "$dir/$set")
    line=$(printf '%-12s %-40s %14d instructions %7.1f per byte' "$set" "$tcguard" "$n" "$(echo "$n / $bytes" | bc -l)")
    if [ -z "$first" ]; then first=$n; else line+=$(printf '   first/this %.2f' "$(echo "$first / $n" | bc -l)"); fi
    echo "$line"
  done
done
