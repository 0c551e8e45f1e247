// libFuzzer target: the shell front end, the symbolic evaluator, suppressions and the shell checks
// (lint_text with the default policy) on arbitrary bytes, read as bash and as zsh (the zsh
// parameter forms and flags, setopt/emulate along the paths). Nothing may crash, hang or leak.
// And skipping the calls that cannot matter (shell/unneeded_calls.h) finds what following every
// call finds, wherever neither run stopped short (a skip saves budget and paths, so where the
// full run ran out, the two may rightly differ).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "lint/lint.h"
#include "policy/policy.h"
#include "shell/analysis.h"

namespace {

// What the evaluator found, as lint sees it: each distinct record once (lint folds equal ones,
// and a run that follows more paths may record the same call twice).
std::set<std::string> records(const tcg::shell::Analysis& a) {
  std::set<std::string> out;
  for (const auto& s : a.signins) {
    std::string r = "S " + std::to_string(s.where.line) + ":" + std::to_string(s.where.column) + " " + s.context + " " +
                    s.root_url.value_or("?") + " " + std::to_string(static_cast<int>(s.consumption));
    for (const auto& x : s.args) r += (x.known ? " =" : " ?") + x.text;
    out.insert(r);
  }
  for (const auto& c : a.cli_calls) {
    std::string r = "C " + std::to_string(c.where.line) + ":" + std::to_string(c.where.column) + " " + c.context;
    for (const auto& x : c.args) r += " " + x;
    out.insert(r);
  }
  for (const auto& f : a.credential_files)
    out.insert("W " + f.target + " " + std::to_string(f.where.line) + ":" + std::to_string(f.where.column));
  for (const auto& f : a.removed_files)
    out.insert("R " + f.target + " " + std::to_string(f.where.line) + ":" + std::to_string(f.where.column));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const tcg::policy::Policy& policy = tcg::policy::default_policy();
  for (auto dialect : {tcg::shell::Dialect::Bash, tcg::shell::Dialect::Zsh}) {
    auto skipping = tcg::shell::analyze(text, "fuzz.sh", dialect);
    auto following = tcg::shell::analyze(text, "fuzz.sh", dialect, true);
    bool short_run = skipping.budget_exhausted || skipping.paths_dropped || following.budget_exhausted ||
                     following.paths_dropped;
    if (!short_run && records(skipping) != records(following)) {
      std::fprintf(stderr, "skipping calls changed what the evaluator found\n");
      std::abort();
    }
    auto report = tcg::lint::lint_text(text, "fuzz.sh", policy, dialect);
    (void)report;
  }
  return 0;
}
