// libFuzzer target: the shell front end, the symbolic evaluator, suppressions and the shell checks
// (lint_text with the default policy) on arbitrary bytes, read as bash and as zsh (the zsh
// parameter forms and flags, setopt/emulate along the paths). Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lint/lint.h"
#include "policy/policy.h"
#include "shell/analysis.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const tcg::policy::Policy& policy = tcg::policy::default_policy();
  for (auto dialect : {tcg::shell::Dialect::Bash, tcg::shell::Dialect::Zsh}) {
    auto analysis = tcg::shell::analyze(text, "fuzz.sh", dialect);
    (void)analysis;
    auto report = tcg::lint::lint_text(text, "fuzz.sh", policy, dialect);
    (void)report;
  }
  return 0;
}
