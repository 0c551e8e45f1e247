#!/usr/bin/env bash
# Builds tcguard and passes its tests: the GoogleTest suites under ctest, then a short smoke run of
# every libFuzzer target. Usage: scripts/test.sh   (installs missing Debian packages first)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --tests
jobs=$(nproc)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCGUARD_TESTS=ON
ninja -C build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 600

# Fuzz smoke: each target runs briefly on its seed corpus (fuzz/corpus/<name>/ when present).
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DTCGUARD_FUZZ=ON -DTCGUARD_TESTS=OFF >/dev/null
ninja -C build-fuzz -j "$jobs"
seconds=${TCGUARD_FUZZ_SECONDS:-10}
for target in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$target"); name=${name#fuzz_}
  corpus=$(mktemp -d)
  [[ -d fuzz/corpus/$name ]] && cp -r "fuzz/corpus/$name/." "$corpus/"
  echo "fuzz smoke: $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -print_final_stats=0 "$corpus" >"$corpus.log" 2>&1 \
    || { tail -50 "$corpus.log"; echo "fuzz target $name failed" >&2; exit 1; }
  rm -rf "$corpus" "$corpus.log"
done
echo "fuzz smoke: all targets ran clean"
