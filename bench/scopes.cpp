// Scope engine speed with 1k, 10k and 100k held scopes: building a ScopeSet, answering
// "is this scope satisfied" (prefix search vs. a linear scan), expressions, the --have-file load
// path (LeafAnswers) against a ScopeSet, normalize, intersect.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "scopes/scopes.h"

namespace {

using tcg::scopes::Expr;
using Scopes = std::vector<std::string>;

// Scopes shaped like a large deployment's: services, projects, worker pools, some trailing stars.
Scopes make_scopes(size_t n, uint64_t seed) {
  static const char* kKinds[] = {"queue:create-task:highest:", "queue:route:index.", "secrets:get:project/",
                                 "assume:repo:github.com/", "hooks:trigger-hook:project-", "auth:create-client:"};
  std::mt19937_64 rng(seed);
  Scopes out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string s = kKinds[rng() % 6];
    s += "proj-" + std::to_string(rng() % (n / 4 + 1)) + "/pool-" + std::to_string(rng() % 50);
    if (rng() % 5 == 0) s += "*";
    out.push_back(std::move(s));
  }
  return out;
}

// Half of them satisfied by the held set (taken from it, some extended past a star), half not.
Scopes make_probes(const Scopes& held, size_t n) {
  std::mt19937_64 rng(7);
  Scopes out;
  for (size_t i = 0; i < n; ++i) {
    std::string s = held[rng() % held.size()];
    if (i % 2) {
      s = "zz" + s;
    } else if (s.back() == '*') {
      s.pop_back();
      s += "/x";
    }
    out.push_back(std::move(s));
  }
  return out;
}

void BM_ScopeSetBuild(benchmark::State& state) {
  const Scopes held = make_scopes(static_cast<size_t>(state.range(0)), 1);
  for (auto _ : state) benchmark::DoNotOptimize(tcg::scopes::ScopeSet(held));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_Satisfies(benchmark::State& state) {
  const Scopes held = make_scopes(static_cast<size_t>(state.range(0)), 1);
  const tcg::scopes::ScopeSet set(held);
  const Scopes probes = make_probes(held, 1000);
  for (auto _ : state)
    for (const auto& p : probes) benchmark::DoNotOptimize(set.satisfies(p));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(probes.size()));
}

// The all-pairs way, for comparison: one pass over the held scopes per question.
void BM_SatisfiesLinearScan(benchmark::State& state) {
  const Scopes held = make_scopes(static_cast<size_t>(state.range(0)), 1);
  const Scopes probes = make_probes(held, 100);
  for (auto _ : state)
    for (const auto& p : probes)
      benchmark::DoNotOptimize(std::any_of(held.begin(), held.end(), [&](const std::string& h) { return tcg::scopes::scope_satisfies(h, p); }));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(probes.size()));
}

// A createTask-like expression: AllOf[20 scopes, AnyOf[7 priorities]].
void BM_SatisfiesExpression(benchmark::State& state) {
  const Scopes held = make_scopes(static_cast<size_t>(state.range(0)), 1);
  const tcg::scopes::ScopeSet set(held);
  const Scopes probes = make_probes(held, 27);
  std::vector<Expr> all;
  for (size_t i = 0; i < 20; ++i) all.push_back(Expr::of(probes[i * 2 % 27]));
  std::vector<Expr> any;
  for (size_t i = 20; i < 27; ++i) any.push_back(Expr::of(probes[i]));
  all.push_back(Expr::any_of(std::move(any)));
  const Expr expr = Expr::all_of(std::move(all));
  for (auto _ : state) {
    benchmark::DoNotOptimize(tcg::scopes::satisfies(set, expr));
    benchmark::DoNotOptimize(tcg::scopes::remove_given_scopes(set, expr));
  }
}

// The `scopes satisfies --have-file` load path: the held scopes as one file's text, answered for an
// AnyOf of 1,000 alternatives (all missing but the last, so nothing stops early).
void BM_HaveFileAnyOf1000(benchmark::State& state) {
  const Scopes held = make_scopes(static_cast<size_t>(state.range(0)), 1);
  std::string text;
  for (const auto& s : held) text += s + "\n";
  std::vector<Expr> any;
  for (int i = 0; i < 999; ++i) any.push_back(Expr::of("queue:create-task:highest:proj-miss-" + std::to_string(i) + "/pool-1"));
  any.push_back(Expr::of(make_probes(held, 1).front()));
  const Expr expr = Expr::any_of(std::move(any));
  for (auto _ : state) {
    tcg::scopes::LeafAnswers answers(expr);
    if (!answers.hold_lines(text, "held.txt").ok()) state.SkipWithError("bad held line");
    benchmark::DoNotOptimize(tcg::scopes::scopes_satisfying(answers, expr));
    benchmark::DoNotOptimize(tcg::scopes::remove_given_scopes(answers, expr));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

// The same question through a ScopeSet, as `scopes satisfies` answered it before: the held
// scopes copied, sorted and normalized first.
void BM_HaveFileAnyOf1000ViaScopeSet(benchmark::State& state) {
  const Scopes held = make_scopes(static_cast<size_t>(state.range(0)), 1);
  std::vector<Expr> any;
  for (int i = 0; i < 999; ++i) any.push_back(Expr::of("queue:create-task:highest:proj-miss-" + std::to_string(i) + "/pool-1"));
  any.push_back(Expr::of(make_probes(held, 1).front()));
  const Expr expr = Expr::any_of(std::move(any));
  for (auto _ : state) {
    const tcg::scopes::ScopeSet set(held);
    benchmark::DoNotOptimize(tcg::scopes::scopes_satisfying(set, expr));
    benchmark::DoNotOptimize(tcg::scopes::remove_given_scopes(set, expr));
  }
}

void BM_Normalize(benchmark::State& state) {
  const Scopes held = make_scopes(static_cast<size_t>(state.range(0)), 1);
  for (auto _ : state) benchmark::DoNotOptimize(tcg::scopes::normalize(held));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_Intersect(benchmark::State& state) {
  const Scopes a = make_scopes(static_cast<size_t>(state.range(0)), 1);
  const Scopes b = make_scopes(static_cast<size_t>(state.range(0)), 2);
  for (auto _ : state) benchmark::DoNotOptimize(tcg::scopes::intersect(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0) * 2);
}

}  // namespace

BENCHMARK(BM_ScopeSetBuild)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Satisfies)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SatisfiesLinearScan)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SatisfiesExpression)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HaveFileAnyOf1000)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HaveFileAnyOf1000ViaScopeSet)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Normalize)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Intersect)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
