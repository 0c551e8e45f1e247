// Throughput of the shell front end and the symbolic evaluator on a realistic rc file (aliases,
// functions with case branches, prompt setup, PATH handling), repeated to about 1 MB.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

// Real shell code: the completion scripts Debian's bash-completion package installs (about 700 KB
// in 140 files of functions, case, arrays and quoting), each file analysed on its own as lint does.
// Skipped where the package is not installed.
void BM_AnalyzeInstalledCompletions(benchmark::State& state) {
  const std::filesystem::path dir = "/usr/share/bash-completion/completions";
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace_back(entry.path().filename().string(), text.str());
  }
  if (files.empty()) {
    state.SkipWithError("no /usr/share/bash-completion/completions here (package bash-completion)");
    return;
  }
  int64_t bytes = 0;
  for (const auto& f : files) bytes += static_cast<int64_t>(f.second.size());
  for (auto _ : state) {
    for (const auto& [name, text] : files) {
      auto analysis = tcg::shell::analyze(text, name);
      benchmark::DoNotOptimize(analysis.signins.size());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
  state.counters["files"] = static_cast<double>(files.size());
}
BENCHMARK(BM_AnalyzeInstalledCompletions)->Unit(benchmark::kMillisecond);

}  // namespace
