// Single-scope relations and whole-set operations (taskcluster-lib-scopes src/index.js semantics).
#include <algorithm>

#include "scopes/scopes.h"

namespace tcg::scopes {

namespace {

bool ends_with_star(std::string_view s) { return !s.empty() && s.back() == '*'; }

}  // namespace

bool is_valid_scope(std::string_view scope) {
  return std::all_of(scope.begin(), scope.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) <= 0x7e; });
}

// One trailing star sorts before the end of the string: `P*` < `P` < `P<more>`.
int scope_compare(std::string_view a, std::string_view b) {
  const bool a_star = ends_with_star(a);
  const bool b_star = ends_with_star(b);
  if (a_star) a.remove_suffix(1);
  if (b_star) b.remove_suffix(1);
  const int c = a.compare(b);
  if (c != 0) return c < 0 ? -1 : 1;
  if (a_star == b_star) return 0;
  return a_star ? -1 : 1;
}

bool scope_less(std::string_view a, std::string_view b) { return scope_compare(a, b) < 0; }

bool scope_satisfies(std::string_view held, std::string_view required) {
  if (held == required) return true;
  if (!ends_with_star(held)) return false;
  held.remove_suffix(1);
  return required.starts_with(held);
}

// After sorting by scopeCompare, everything a star scope covers follows it contiguously, so one
// linear pass drops duplicates and covered scopes.
std::vector<std::string> normalize(std::vector<std::string> scopes) {
  std::sort(scopes.begin(), scopes.end(), [](const std::string& a, const std::string& b) { return scope_less(a, b); });
  std::vector<std::string> out;
  out.reserve(scopes.size());
  size_t i = 0;
  while (i < scopes.size()) {
    std::string& scope = scopes[i++];
    while (i < scopes.size() && scopes[i] == scope) ++i;
    if (ends_with_star(scope)) {
      const std::string_view prefix(scope.data(), scope.size() - 1);
      while (i < scopes.size() && std::string_view(scopes[i]).starts_with(prefix)) ++i;
    }
    out.push_back(std::move(scope));
  }
  return out;
}

std::vector<std::string> merge(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> all;
  all.reserve(a.size() + b.size());
  all.insert(all.end(), a.begin(), a.end());
  all.insert(all.end(), b.begin(), b.end());
  return normalize(std::move(all));
}

// Every member of either side that the other side satisfies, normalized. The members are taken
// from the raw inputs, not from their normalized forms: because `a**` satisfies `a*`, a member that
// normalization would drop (`a*` under `*`) can be in the intersection when the covering one is not.
std::vector<std::string> intersect(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const ScopeSet left(a);
  const ScopeSet right(b);
  std::vector<std::string> both;
  for (const auto& s : a)
    if (right.satisfies(s)) both.push_back(s);
  for (const auto& s : b)
    if (left.satisfies(s)) both.push_back(s);
  return normalize(std::move(both));
}

bool intersects(std::string_view scope, const std::vector<std::string>& set) {
  return std::any_of(set.begin(), set.end(),
                     [&](const std::string& s) { return scope_satisfies(s, scope) || scope_satisfies(scope, s); });
}

}  // namespace tcg::scopes
