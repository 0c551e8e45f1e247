// libFuzzer: roles files from untrusted text, then expansion. Parsing and expansion must never
// crash or hang; errors must carry the file name; a result must contain the input and be normalized.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "scopes/scopes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto roles = tcg::scopes::parse_roles(text, "fuzz.yaml");
  if (!roles) {
    if (roles.error().where.file != "fuzz.yaml") std::abort();
    return 0;
  }
  // Assume every role once, plus the all-roles form.
  std::vector<std::string> held{"assume:*"};
  for (const auto& r : *roles) held.push_back("assume:" + r.role_id);
  for (const auto& input : {std::vector<std::string>{"assume:*"}, held}) {
    auto expanded = tcg::scopes::expand(*roles, input);
    if (!expanded) continue;
    if (tcg::scopes::normalize(*expanded) != *expanded) std::abort();
    const tcg::scopes::ScopeSet set(*expanded);
    for (const auto& s : input)
      if (!set.satisfies(s)) std::abort();
  }
  return 0;
}
