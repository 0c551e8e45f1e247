// Throughput of the shell front end and the symbolic evaluator on a realistic rc file (aliases,
// functions with case branches, prompt setup, PATH handling), repeated to about 1 MB.
#include <benchmark/benchmark.h>

#include <string>

#include "lint/lint.h"
#include "policy/policy.h"
#include "shell/analysis.h"
#include "shell/parser.h"

namespace {

const char* kRcChunk = R"RC(# ~/.bashrc: executed by bash(1) for non-login shells.
case $- in
    *i*) ;;
      *) return;;
esac
HISTCONTROL=ignoreboth
HISTSIZE=1000
shopt -s histappend checkwinsize
if [ -x /usr/bin/lesspipe ]; then eval "$(SHELL=/bin/sh lesspipe)"; fi
if [ -z "${debian_chroot:-}" ] && [ -r /etc/debian_chroot ]; then
    debian_chroot=$(cat /etc/debian_chroot)
fi
PS1='${debian_chroot:+($debian_chroot)}\u@\h:\w\$ '
export PATH="$HOME/.local/bin:$HOME/.cargo/bin:$PATH"
export EDITOR=vim
alias ll='ls -alF'
alias la='ls -A'
alias gs='git status --short --branch'
alias hgw='hg wip'
# Taskcluster
alias tc-fxci='export TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/'
alias tc-logout='unset TASKCLUSTER_CLIENT_ID TASKCLUSTER_ACCESS_TOKEN TASKCLUSTER_CERTIFICATE'
alias tc-relduty=$'eval `TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/ taskcluster signin --expires 1h -s "queue:rerun-task:*\nqueue:cancel-task:*"`'
tc-signin() {
  local purpose="${1:-relduty}" url=https://firefox-ci-tc.services.mozilla.com/ t=1h
  local -a scopes
  case "$purpose" in
    relduty) scopes=('queue:rerun-task:*' 'queue:cancel-task:*') ;;
    actions) scopes=('hooks:trigger-hook:project-gecko/in-tree-action-3-generic/*'); t=30m ;;
    admin) scopes=('*'); t=15m ;;
    *) echo "usage: tc-signin relduty|actions|admin" >&2; return 1 ;;
  esac
  eval "$(TASKCLUSTER_ROOT_URL=$url taskcluster signin --expires=$t --scope="$(IFS=$'\n'; echo "${scopes[*]}")")"
}
mkcd() { mkdir -p -- "$1" && cd -- "$1" || return; }
extract() {
  if [ -f "$1" ]; then
    case "$1" in
      *.tar.gz) tar xzf "$1" ;;
      *.zip) unzip "$1" ;;
      *) echo "don't know how to extract '$1'" ;;
    esac
  fi
}
for f in ~/.bash.d/*.sh; do [ -r "$f" ] && . "$f"; done
[ -f ~/.fzf.bash ] && source ~/.fzf.bash
)RC";

std::string rc_text(size_t bytes) {
  std::string out;
  while (out.size() < bytes) out += kRcChunk;
  return out;
}

void BM_ParseOnly(benchmark::State& state) {
  std::string text = rc_text(1 << 20);
  for (auto _ : state) {
    auto script = tcg::shell::parse_script(text);
    benchmark::DoNotOptimize(script.root.children.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond);

void BM_ParseAndEvaluate(benchmark::State& state) {
  std::string text = rc_text(1 << 20);
  for (auto _ : state) {
    auto analysis = tcg::shell::analyze(text, "bashrc");
    benchmark::DoNotOptimize(analysis.signins.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseAndEvaluate)->Unit(benchmark::kMillisecond);

// One small rc file (one chunk) end to end: evaluation, request checks, policy rules, suppressions.
void BM_LintOneRcFile(benchmark::State& state) {
  std::string text = kRcChunk;
  const auto& policy = tcg::policy::default_policy();
  for (auto _ : state) {
    auto report = tcg::lint::lint_text(text, "bashrc", policy);
    benchmark::DoNotOptimize(report.findings.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_LintOneRcFile);

}  // namespace
