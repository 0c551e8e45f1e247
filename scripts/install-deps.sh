#!/usr/bin/env bash
# Installs the Debian packages tcguard needs to build and test, if any are missing.
# Used by scripts/run-examples.sh and scripts/test.sh; safe to run again (it does nothing then).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libre2-dev libssl-dev libcurl4-openssl-dev
  libvalijson-dev   # header-only JSON Schema validator (action inputs)
)
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(
    googletest libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
    clang libclang-rt-14-dev   # libFuzzer targets and their smoke runs
    bash util-linux            # the real bash for agreement tests; `script` for terminal tests
    zsh fish shellcheck        # shell-init output run in each shell and checked by ShellCheck; zsh agreement tests
    dpkg-dev groff-base        # the .deb (cpack shlibdeps) and the man page check
  )
fi

missing=()
# Node.js and npm (reference libraries from npm for differential tests, SARIF validators): any
# installation will do, and a non-Debian one must not be replaced (Debian's npm conflicts with it).
if [[ "${1:-}" == "--tests" ]] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "tcguard: installing missing Debian packages: ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "tcguard: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
