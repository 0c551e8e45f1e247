// libFuzzer: scope expressions from untrusted text. Parsing must never crash; a parsed expression
// must round-trip through JSON and evaluate consistently against a held set.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "scopes/scopes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first line (if any) is the held set, one scope per `,`; the rest is the expression.
  const size_t nl = text.find('\n');
  const std::string_view held_text = nl == std::string_view::npos ? std::string_view() : text.substr(0, nl);
  const std::string_view expr_text = nl == std::string_view::npos ? text : text.substr(nl + 1);

  std::vector<std::string> held;
  for (size_t start = 0; start <= held_text.size();) {
    size_t end = held_text.find(',', start);
    if (end == std::string_view::npos) end = held_text.size();
    held.emplace_back(held_text.substr(start, end - start));
    start = end + 1;
  }

  auto expr = tcg::scopes::parse_expr(expr_text);
  if (!expr) {
    if (expr.error().where.column < 1) std::abort();  // every error has a position
    return 0;
  }
  auto back = tcg::scopes::expr_from_json(tcg::scopes::expr_to_json(*expr));
  if (!back || !(*back == *expr)) std::abort();

  const tcg::scopes::ScopeSet set(held);
  const bool ok = tcg::scopes::satisfies(set, *expr);
  const auto satisfying = tcg::scopes::scopes_satisfying(set, *expr);
  const auto missing = tcg::scopes::remove_given_scopes(set, *expr);
  if (ok != satisfying.has_value() || ok == missing.has_value()) std::abort();
  // What is satisfying must itself be satisfied by the held set.
  if (satisfying)
    for (const auto& s : *satisfying)
      if (!set.satisfies(s)) std::abort();
  // What removeGivenScopes leaves is, as a whole, never satisfied.
  if (missing && tcg::scopes::satisfies(set, *missing)) std::abort();
  return 0;
}
