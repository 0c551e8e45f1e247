// libFuzzer target: the doc front ends (Markdown, MDX, reStructuredText, plain text, dotenv) and
// the linter on their shell view. The first byte picks the kind. Besides not crashing, hanging or
// leaking, the shell view must keep the doc's length and every newline in place: that is what
// makes every location the doc's own.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lint/doc_blocks.h"
#include "lint/lint.h"
#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr const char* kNames[] = {"fuzz.md", "fuzz.mdx", "fuzz.rst", "fuzz.txt", "fuzz.env"};
  const char* name = kNames[data[0] % 5];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  tcg::lint::DocKind kind = tcg::lint::doc_kind_of_name(name);
  std::string view = tcg::lint::shell_view(text, kind);
  if (view.size() != text.size()) std::abort();
  for (size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '\n') != (view[i] == '\n')) std::abort();
  static const tcg::policy::Policy& policy = tcg::policy::default_policy();
  auto report = tcg::lint::lint_text(text, name, policy);
  (void)report;
  return 0;
}
