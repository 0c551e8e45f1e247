#!/usr/bin/env bash
# End-to-end: `tcguard lint` on 10,000 generated rc files (about 700 bytes each) in a temp folder.
# Usage: bench/lint_10k.sh [path/to/tcguard...]   (default: build/tcguard)
# With several binaries (e.g. before and after a change), each lints the same files, taking turns
# ($ROUNDS rounds, default 1), so that a shared machine's load affects them alike.
set -euo pipefail
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(build/tcguard)
rounds="${ROUNDS:-1}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq 0 99); do
  mkdir -p "$dir/user$i"
  for j in $(seq 0 99); do
    n=$((i * 100 + j))
    cat > "$dir/user$i/rc$j.bash" <<RC
# rc file $n
export PATH="\$HOME/bin:\$PATH"
alias ll='ls -alF'
alias gs='git status'
tc-fxci$n() { export TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/; }
tc-logout() { unset TASKCLUSTER_CLIENT_ID TASKCLUSTER_ACCESS_TOKEN; }
tc-signin() {
  local t=\${2:-1h}
  case "\$1" in
    relduty) s=\$'queue:rerun-task:gecko-level-$((n % 3 + 1))/*\nqueue:cancel-task:*' ;;
    admin) s='*'; t=15m ;;
    *) return 1 ;;
  esac
  eval "\$(TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/ taskcluster signin --expires \$t -s "\$s")"
}
mkcd() { mkdir -p -- "\$1" && cd -- "\$1"; }
if [ -f ~/.local.sh ]; then . ~/.local.sh; fi
RC
  done
done
bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
for round in $(seq 1 "$rounds"); do
  for tcguard in "${binaries[@]}"; do
    start=$(date +%s.%N)
    "$tcguard" --format json lint --fail-on error "$dir" > "$dir.json" || true
    end=$(date +%s.%N)
    findings=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]), len(d["requests"]))' "$dir.json")
    rm -f "$dir.json"
    echo "$tcguard: linted 10000 files ($bytes bytes) in $(echo "$end - $start" | bc) s; findings, requests: $findings"
  done
done
