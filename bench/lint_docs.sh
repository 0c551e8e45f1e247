#!/usr/bin/env bash
# Docs against shell, end to end: `tcguard lint` on 1,000 generated Markdown pages (prose with
# apostrophes and inline code, a bash block, a console block with prompts and output, a JSON block)
# and on 1,000 shell files holding the same commands, in one run, turn about ($ROUNDS rounds,
# default 3). Prints each side's time per byte and the docs/shell ratios (per byte, and per file:
# a page costs its shell plus reading its prose).
# Usage: bench/lint_docs.sh [path/to/tcguard]   (default: build/tcguard)
set -euo pipefail
tcguard=${1:-build/tcguard}
rounds=${ROUNDS:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/docs" "$dir/shell"
for n in $(seq 0 999); do
  shell_body="export TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/
relduty$n() {
  eval \"\$(taskcluster signin --expires 1h -s 'queue:rerun-task:gecko-level-$((n % 3 + 1))/*' -s 'queue:cancel-task:*')\"
}
relduty$n
eval \"\$(taskcluster signin \\
    --expires 15m \\
    -s 'queue:route:index.gecko.v2.*')\""
  printf '%s\n' "$shell_body" > "$dir/shell/page$n.sh"
  cat > "$dir/docs/page$n.md" <<DOC
# Release duty, page $n

You'll spend most of your shift rerunning and cancelling tasks; don't sign in as root for that.
Run \`taskcluster signin --help\` if you're unsure, and mind the \`--scopes\` flag and \`\$VAR\`.

\`\`\`bash title="setup"
export TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/
relduty$n() {
  eval "\$(taskcluster signin --expires 1h -s 'queue:rerun-task:gecko-level-$((n % 3 + 1))/*' -s 'queue:cancel-task:*')"
}
\`\`\`

It's what we've used since 2023. Then, each shift:

\`\`\`console
\$ relduty$n
Listening on http://localhost:51234 for the sign-in
Successfully signed in
\$ eval "\$(taskcluster signin \\
    --expires 15m \\
    -s 'queue:route:index.gecko.v2.*')"
\`\`\`

The CLI's debug output looks like this (don't paste it anywhere):

\`\`\`json
{"clientId": "mozilla-auth0/ad|Mozilla-LDAP|you/", "accessToken": "...", "expires": "2026-12-03T18:00:00Z"}
\`\`\`
DOC
done
bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s}'; }
doc_bytes=$(bytes "$dir/docs")
sh_bytes=$(bytes "$dir/shell")
run() {  # prints seconds
  local start end
  start=$(date +%s.%N)
  "$tcguard" --format json lint --fail-on error "$1" > "$dir/out.json" || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
for round in $(seq 1 "$rounds"); do
  d=$(run "$dir/docs")
  dreq=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["requests"]))' "$dir/out.json")
  s=$(run "$dir/shell")
  sreq=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["requests"]))' "$dir/out.json")
  echo "round $round: docs $doc_bytes bytes in $d s ($dreq requests), shell $sh_bytes bytes in $s s ($sreq requests);" \
       "per byte docs/shell $(echo "scale=12; r = ($d / $doc_bytes) / ($s / $sh_bytes); scale=3; r / 1" | bc)," \
       "per file docs/shell $(echo "scale=3; $d / $s" | bc)"
done
