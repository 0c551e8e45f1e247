// The in-process cost of tcguard's own work on `taskcluster ARGS` (what bench/run_overhead.sh
// measures end to end, minus process start-up and dynamic loading): classifying the command, and
// for a guarded command the policy decision and the audit line.
#include <benchmark/benchmark.h>

#include "guard/audit.h"
#include "guard/cluster.h"
#include "guard/decision.h"
#include "guard/real_cli.h"
#include "tccli/command.h"
#include "util/embedded.h"

namespace {

void BM_ClassifyReadOnly(benchmark::State& state) {
  const std::vector<std::string> args = {"task", "status", "fQ7RkAcgSBeZ4B8GQNcDhA"};
  for (auto _ : state) benchmark::DoNotOptimize(tcg::tccli::parse_command(args));
}
BENCHMARK(BM_ClassifyReadOnly);

void BM_FindRealCliOnPath(benchmark::State& state) {
  auto env = tcg::guard::process_env();
  std::string self = tcg::guard::self_executable();
  for (auto _ : state) benchmark::DoNotOptimize(tcg::guard::find_real_cli(env, self));
}
BENCHMARK(BM_FindRealCliOnPath);

void BM_DecideGuarded(benchmark::State& state) {
  const auto& policy = tcg::policy::default_policy();
  auto target = tcg::guard::resolve_target(policy, std::string("https://firefox-ci-tc.services.mozilla.com/"));
  auto cmd = tcg::tccli::parse_command({"task", "rerun", "-f", "fQ7RkAcgSBeZ4B8GQNcDhA"});
  for (auto _ : state) benchmark::DoNotOptimize(tcg::guard::decide(policy, cmd, target));
}
BENCHMARK(BM_DecideGuarded);

void BM_DefaultPolicyParse(benchmark::State& state) {
  // What a guarded command pays once: parsing the embedded default policy.
  std::string text(tcg::embedded_file("policies/default.yaml").value_or(""));
  for (auto _ : state) benchmark::DoNotOptimize(tcg::policy::parse_policy(text, "<default>"));
}
BENCHMARK(BM_DefaultPolicyParse);

void BM_AuditLineAndRedaction(benchmark::State& state) {
  tcg::guard::AuditRecord r;
  r.command = "task rerun";
  for (auto _ : state) {
    r.argv = tcg::guard::redact_argv({"taskcluster", "task", "rerun", "-f", "fQ7RkAcgSBeZ4B8GQNcDhA"});
    benchmark::DoNotOptimize(tcg::guard::audit_line(r));
  }
}
BENCHMARK(BM_AuditLineAndRedaction);

}  // namespace
