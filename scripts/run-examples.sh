#!/usr/bin/env bash
# The main job: build tcguard, then run it on the shipped examples with the embedded default policy.
# Usage: scripts/run-examples.sh   (installs missing Debian packages first)
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || exit 2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCGUARD_TESTS=OFF >/dev/null || exit 2
ninja -C build tcguard || exit 2

tcguard=build/tcguard
export TCGUARD_POLICY= XDG_CONFIG_HOME=/nonexistent   # the embedded default policy only
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; echo "(exit $?)"; }

step "$tcguard" review --cluster firefoxci --expires 1h -s '*'
step "$tcguard" review --cluster firefoxci --expires 15m -s '*'
step "$tcguard" review -- TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/ taskcluster signin
if "$tcguard" lint --help >/dev/null 2>&1; then
  step "$tcguard" lint examples/
fi
exit 0
