// A held scope set answering "is this scope satisfied" by binary search.
#include <algorithm>

#include "scopes/scopes.h"

namespace tcg::scopes {

ScopeSet::ScopeSet(std::vector<std::string> held) : held_(normalize(std::move(held))) {
  for (const auto& s : held_) {
    if (!s.empty() && s.back() == '*')
      prefixes_.emplace_back(s, 0, s.size() - 1);
    else
      exact_.push_back(s);
  }
  // No sort needed: among scopes without a trailing star scopeCompare is byte order, and among
  // star scopes it is the byte order of what precedes the star.
}

// The held set is normalized, so no held prefix is a prefix of another. In a prefix-free sorted
// list, a prefix of `scope` can only be the greatest entry that is <= `scope`.
bool ScopeSet::satisfies(std::string_view scope) const {
  auto less = [](const std::string& a, std::string_view b) { return std::string_view(a) < b; };
  auto exact = std::lower_bound(exact_.begin(), exact_.end(), scope, less);
  if (exact != exact_.end() && *exact == scope) return true;
  auto after = std::upper_bound(prefixes_.begin(), prefixes_.end(), scope,
                                [](std::string_view a, const std::string& b) { return a < std::string_view(b); });
  if (after == prefixes_.begin()) return false;
  return scope.starts_with(*std::prev(after));
}

}  // namespace tcg::scopes
