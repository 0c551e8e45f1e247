#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), as a script so they run the same on a laptop:
#   scripts/action-lint.sh build         installs the Debian packages and builds tcguard
#   scripts/action-lint.sh lint          lints the paths, writing SARIF (exit: lint's own)
# Inputs come from the environment, as action.yml passes them:
#   TCGUARD_PATHS    paths to lint, one a line (default: .)
#   TCGUARD_POLICY   policy files merged over the default, one a line (optional)
#   TCGUARD_SARIF    the SARIF file to write (default: tcguard.sarif)
#   TCGUARD_FAIL_ON  error | warning | note (default: error)
#   TCGUARD_BIN      a tcguard already built (lint); default: the one `build` made
#   TCGUARD_BUILD    the build folder (default: the repository's build-action/)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${TCGUARD_BUILD:-$repo/build-action}

case "${1:-}" in
  build)
    bash "$repo/scripts/install-deps.sh"
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTCGUARD_TESTS=OFF >/dev/null
    ninja -C "$build" tcguard
    ;;
  lint)
    bin=${TCGUARD_BIN:-$build/tcguard}
    [[ -x "$bin" ]] || { echo "tcguard-action: no tcguard at $bin (run the build step first)" >&2; exit 2; }
    sarif=${TCGUARD_SARIF:-tcguard.sarif}
    fail_on=${TCGUARD_FAIL_ON:-error}
    case "$fail_on" in error|warning|note) ;; *) echo "tcguard-action: fail-on must be error, warning or note, not '$fail_on'" >&2; exit 2 ;; esac
    args=(--format sarif)
    while IFS= read -r p; do
      [[ -n "${p//[[:space:]]/}" ]] && args+=(--policy "$p")
    done <<<"${TCGUARD_POLICY:-}"
    args+=(lint --fail-on "$fail_on")
    paths=()
    while IFS= read -r p; do
      [[ -n "${p//[[:space:]]/}" ]] && paths+=("$p")
    done <<<"${TCGUARD_PATHS:-.}"
    ((${#paths[@]})) || paths=(.)
    # `--` so that a path starting with `-` is a path. The SARIF file is written whatever the exit
    # code, so the upload step (run on failure too) always has a complete report.
    status=0
    "$bin" "${args[@]}" -- "${paths[@]}" >"$sarif" || status=$?
    echo "tcguard-action: wrote $sarif (lint exit $status)" >&2
    exit "$status"
    ;;
  *)
    echo "usage: $0 build|lint (inputs in TCGUARD_PATHS, TCGUARD_POLICY, TCGUARD_SARIF, TCGUARD_FAIL_ON)" >&2
    exit 2
    ;;
esac
