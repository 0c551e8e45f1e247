// A large held set answered for one expression's leaves in one pass, without sorting it.
//
// Held `h` satisfies leaf `l` when h == l, or h = P* and l starts with P. With the leaves sorted,
// the leaves starting with any P are a contiguous run [lo, hi), and the leaf equal to P (if there is
// one) is its first. So a table keyed by every prefix of every leaf answers each held scope with one
// lookup (of h, or of P), and a run is marked in O(1) in a difference array.
#include <algorithm>
#include <cstring>
#include <functional>

#include "scopes/scopes.h"

namespace tcg::scopes {

namespace {

void collect_leaves(const Expr& e, std::vector<std::string>& out) {
  if (e.kind == Expr::Kind::Scope) {
    out.push_back(e.scope);
    return;
  }
  for (const auto& c : e.children) collect_leaves(c, out);
}

size_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

// Bytes outside 0x20..0x7e, counted without a branch per byte so the compiler can vectorize it.
bool all_printable(std::string_view s) {
  unsigned bad = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    bad |= static_cast<unsigned>(static_cast<unsigned char>(c - 0x20) > 0x5e);
  }
  return bad == 0;
}

}  // namespace

LeafAnswers::LeafAnswers(const Expr& required) {
  collect_leaves(required, leaves_);
  std::sort(leaves_.begin(), leaves_.end());
  leaves_.erase(std::unique(leaves_.begin(), leaves_.end()), leaves_.end());
  size_t total = 0;
  for (const auto& l : leaves_) total += l.size() + 1;
  size_t capacity = 16;
  while (capacity < 2 * total) capacity *= 2;
  slots_.assign(capacity, 0);
  prefixes_.reserve(total);
  // In sorted order a prefix first seen at leaf i covers i and every following leaf sharing it.
  for (uint32_t i = 0; i < leaves_.size(); ++i) {
    const std::string_view leaf = leaves_[i];
    for (size_t k = 0; k <= leaf.size(); ++k) {
      const std::string_view p = leaf.substr(0, k);
      const size_t h = hash_of(p);
      size_t slot = h & (capacity - 1);
      while (slots_[slot] != 0) {
        Prefix& known = prefixes_[slots_[slot] - 1];
        if (known.hash == h && known.text == p) break;
        slot = (slot + 1) & (capacity - 1);
      }
      if (slots_[slot] != 0) {
        prefixes_[slots_[slot] - 1].hi = i + 1;
      } else {
        prefixes_.push_back(Prefix{p, h, i, i + 1});
        slots_[slot] = static_cast<uint32_t>(prefixes_.size());
      }
    }
  }
  cover_.assign(leaves_.size() + 1, 0);
}

const LeafAnswers::Prefix* LeafAnswers::find(std::string_view prefix) const {
  const size_t h = hash_of(prefix);
  const size_t mask = slots_.size() - 1;
  for (size_t slot = h & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
    const Prefix& p = prefixes_[slots_[slot] - 1];
    if (p.hash == h && p.text == prefix) return &p;
  }
  return nullptr;
}

void LeafAnswers::mark(uint32_t lo, uint32_t hi) {
  ++cover_[lo];
  --cover_[hi];
  settled_ = false;
}

void LeafAnswers::hold(std::string_view scope) {
  if (!scope.empty() && scope.back() == '*') {
    if (const Prefix* p = find(scope.substr(0, scope.size() - 1))) mark(p->lo, p->hi);
    return;
  }
  // Only the run's first leaf can equal the prefix itself; the rest are longer.
  if (const Prefix* p = find(scope); p && leaves_[p->lo].size() == scope.size()) mark(p->lo, p->lo + 1);
}

Status LeafAnswers::hold_lines(std::string_view text, const std::string& name) {
  int line = 0;
  while (!text.empty()) {
    ++line;
    const char* nl = static_cast<const char*>(std::memchr(text.data(), '\n', text.size()));
    const size_t len = nl ? static_cast<size_t>(nl - text.data()) : text.size();
    std::string_view scope = text.substr(0, len);
    text.remove_prefix(nl ? len + 1 : len);
    if (!scope.empty() && scope.back() == '\r') scope.remove_suffix(1);
    if (scope.empty()) continue;
    if (!all_printable(scope)) {
      Error e = check_scope(scope).error();
      e.where.file = name;
      e.where.line = line;
      return e;
    }
    hold(scope);
  }
  return Ok{};
}

bool LeafAnswers::satisfies(std::string_view leaf) const {
  if (!settled_) {
    satisfied_.assign(leaves_.size(), false);
    int32_t depth = 0;
    for (size_t i = 0; i < leaves_.size(); ++i) satisfied_[i] = (depth += cover_[i]) > 0;
    settled_ = true;
  }
  const auto at = std::lower_bound(leaves_.begin(), leaves_.end(), leaf,
                                   [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
  return at != leaves_.end() && *at == leaf && satisfied_[static_cast<size_t>(at - leaves_.begin())];
}

}  // namespace tcg::scopes
