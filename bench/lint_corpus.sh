#!/usr/bin/env bash
# `tcguard lint --format json` throughput, on one core, on two sets of files:
#   mixed        about 1 MB: rc files (bench/shell.cpp's chunk), the helper scripts and zsh rc
#                files of examples/ and the tests' fixtures, and Markdown/MDX/RST docs (docs/ and
#                the doc fixtures), each copied into folders of its own until the set is 1 MB,
#                about 40/30/30 by bytes
#   completions  Debian's bash-completion scripts (real, eval-heavy shell; skipped when absent)
# Usage: bench/lint_corpus.sh [BASE/tcguard] NEW/tcguard   (ROUNDS=N, default 5)
# With two binaries: both lint each set in turn, ROUNDS times, pinned to CPU 0 when taskset is
# there; the script fails unless both print the same report; it prints each binary's median
# MB/s and the median of the per-round time ratios BASE/NEW (>1: NEW is faster), and the last
# binary's start-up.
# With ShellCheck installed (Debian's shellcheck), the last binary and `shellcheck -s bash -f
# json` then check the shell files of each set (not the docs, which ShellCheck does not read),
# once each, and the ratio of their times is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(build/tcguard)
rounds="${ROUNDS:-5}"
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/mixed" "$dir/completions"

python3 - "$dir/mixed" <<'PY'
import glob, os, sys
out = sys.argv[1]
src = open("bench/shell.cpp").read()
rc = src[src.index('R"RC(') + 5:src.index(')RC"')]
scripts = sorted(glob.glob("examples/*.sh") + glob.glob("tests/**/fixtures/**/*.sh", recursive=True)
                 + glob.glob("tests/**/fixtures/**/*.bash", recursive=True)
                 + glob.glob("tests/**/fixtures/**/*.zsh", recursive=True)
                 + glob.glob("tests/**/fixtures/**/.zshrc", recursive=True))
docs = sorted(glob.glob("docs/**/*.md", recursive=True) + glob.glob("tests/lint_docs/fixtures/**/*.md", recursive=True)
              + glob.glob("tests/lint_docs/fixtures/**/*.mdx", recursive=True)
              + glob.glob("tests/lint_docs/fixtures/**/*.rst", recursive=True))
def fill(names, texts, budget, tag):
    size, n = 0, 0
    while size < budget:
        for name, text in zip(names, texts):
            d = os.path.join(out, f"{tag}{n}")
            os.makedirs(d, exist_ok=True)
            open(os.path.join(d, os.path.basename(name)), "w").write(text)
            size += len(text.encode())
            if size >= budget:
                break
        n += 1
fill(["bashrc.bash"], [rc], 420000, "rc")
fill(scripts, [open(p).read() for p in scripts], 315000, "scripts")
fill(docs, [open(p).read() for p in docs], 315000, "docs")
PY
if [ -d /usr/share/bash-completion/completions ]; then
  for f in /usr/share/bash-completion/completions/*; do
    [ -f "$f" ] && [ ! -L "$f" ] && cp "$f" "$dir/completions/$(basename "$f").bash"
  done
fi

now() { date +%s%N; }
last="${binaries[${#binaries[@]}-1]}"  # the one whose start-up is measured and ShellCheck is compared with
: > "$dir/empty.sh"
for set in mixed completions; do
  bytes=$(find "$dir/$set" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  files=$(find "$dir/$set" -type f | wc -l)
  if [ "$bytes" -eq 0 ]; then
    echo "$set: no files (skipped)"
    continue
  fi
  first=""
  for b in "${binaries[@]}"; do
    "$b" --format json lint --fail-on error "$dir/$set" > "$dir/$set.out" 2>&1 || true
    if [ -z "$first" ]; then
      first="$dir/$set.first"
      mv "$dir/$set.out" "$first"
    elif ! cmp -s "$first" "$dir/$set.out"; then
      echo "$set: $b prints another report than ${binaries[0]}" >&2
      diff <(head -c 2000 "$first") <(head -c 2000 "$dir/$set.out") >&2 || true
      exit 1
    fi
  done
  times=()
  for round in $(seq 1 "$rounds"); do
    for i in "${!binaries[@]}"; do
      start=$(now)
      "${pin[@]}" "${binaries[$i]}" --format json lint --fail-on error "$dir/$set" > /dev/null 2>&1 || true
      times[$i]+="$(( $(now) - start )) "
    done
  done
  # The last binary's start-up (linting one empty file): part of every run's time. What reading
  # the files costs is bench_file_read's figure (an open, two reads and a close per file).
  floor_start=()
  for round in $(seq 1 "$rounds"); do
    start=$(now)
    "${pin[@]}" "$last" --format json lint "$dir/empty.sh" > /dev/null 2>&1 || true
    floor_start+=("$(( $(now) - start ))")
  done
  python3 - "$set" "$bytes" "$files" "${#binaries[@]}" "${times[@]}" "${binaries[@]}" <<'PY'
import statistics, sys
name, size, files, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
times = [list(map(int, t.split())) for t in sys.argv[5:5 + n]]
names = sys.argv[5 + n:]
print(f"{name}: {files} files, {size / 1e6:.2f} MB, identical reports")
for b, t in zip(names, times):
    med = statistics.median(t) / 1e9
    print(f"  {b}: median {med * 1000:.1f} ms, {size / 1e6 / med:.1f} MB/s")
for b, t in zip(names[1:], times[1:]):
    ratios = [a / x for a, x in zip(times[0], t)]
    print(f"  {names[0]} / {b}: median {statistics.median(ratios):.2f}x (min {min(ratios):.2f}, max {max(ratios):.2f})")
PY
  python3 -c 'import statistics, sys; print(f"  start-up (lint of one empty file): {statistics.median(map(int, sys.argv[1].split())) / 1e6:.1f} ms")' "${floor_start[*]}"
done

command -v shellcheck >/dev/null || { echo "shellcheck: not installed (skipped)"; exit 0; }
for set in mixed completions; do
  mapfile -t files < <(find "$dir/$set" -type f ! -name '*.md' ! -name '*.mdx' ! -name '*.rst' | sort)
  [ ${#files[@]} -gt 0 ] || continue
  bytes=$(cat "${files[@]}" | wc -c)
  start=$(now)
  "${pin[@]}" shellcheck -s bash -f json "${files[@]}" > /dev/null 2>&1 || true
  sc=$(( $(now) - start ))
  start=$(now)
  "${pin[@]}" "$last" --format json lint --fail-on error "${files[@]}" > /dev/null 2>&1 || true
  tc=$(( $(now) - start ))
  python3 -c 'import sys; b, sc, tc = map(int, sys.argv[2:5]); print(f"{sys.argv[1]} shell files ({b / 1e6:.2f} MB): shellcheck {b / 1e3 / (sc / 1e6):.2f} MB/s, tcguard {b / 1e3 / (tc / 1e6):.1f} MB/s: tcguard {sc / tc:.0f}x faster")' "$set" "$bytes" "$sc" "$tc"
done
