// A large held set answered for one expression's leaves in one pass, without sorting it.
//
// Held `h` satisfies leaf `l` when h == l, or h = P* and l starts with P. With the leaves sorted,
// the leaves starting with any P are a contiguous run [lo, hi), and the leaf equal to P (if there is
// one) is its first. So a table keyed by every prefix of every leaf answers each held scope with one
// lookup (of h, or of P), and a run is marked in O(1) in a difference array.
#include <algorithm>
#include <bit>
#include <cstring>

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

static_assert(std::endian::native == std::endian::little, "load() pads the high bytes");

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

// Eight bytes at a time (`n` <= 8 at the end, zero-padded).
uint64_t load(const char* p, size_t n) {
  uint64_t w = 0;
  std::memcpy(&w, p, n);
  return w;
}

// Any byte of `w` outside 0x20..0x7e: below 0x20, or 0x7f and above (the usual SWAR tests, exact
// as a yes/no for the whole word).
bool word_has_unprintable(uint64_t w) {
  const uint64_t below = (w - kOnes * 0x20) & ~w & kHigh;
  const uint64_t above = ((w + kOnes * (0x7f - 0x7e)) | w) & kHigh;
  return (below | above) != 0;
}

uint64_t mix(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
  return h ^ (h >> 29);
}

// One pass over `s`: its hash, and whether every byte is printable. The table of leaf prefixes and
// the held lines use this same hash; equal hashes are confirmed by comparing the bytes.
struct Scan {
  uint64_t hash;
  bool printable;
};

Scan scan(std::string_view s) {
  uint64_t h = 0x243f6a8885a308d3ULL ^ s.size();
  bool bad = false;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t w = load(s.data() + i, 8);
    bad |= word_has_unprintable(w);
    h = mix(h, w);
  }
  if (i < s.size()) {
    const size_t n = s.size() - i;
    const uint64_t w = load(s.data() + i, n);
    // The zero padding is not part of the scope: make it look printable.
    const uint64_t pad = n == 8 ? 0 : (~uint64_t{0} << (8 * n)) & (kOnes * 0x20);
    bad |= word_has_unprintable(w | pad);
    h = mix(h, w);
  }
  h ^= h >> 32;
  return Scan{h * 0xbf58476d1ce4e5b9ULL, !bad};
}

size_t hash_of(std::string_view s) { return static_cast<size_t>(scan(s).hash); }

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

const LeafAnswers::Prefix* LeafAnswers::find(std::string_view prefix, size_t h) const {
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

// `key` is `scope` without its trailing star, if it has one; `h` its hash.
void LeafAnswers::hold_key(std::string_view scope, std::string_view key, size_t h) {
  const Prefix* p = find(key, h);
  if (!p) return;
  if (key.size() < scope.size()) {
    mark(p->lo, p->hi);
  } else if (leaves_[p->lo].size() == key.size()) {
    mark(p->lo, p->lo + 1);  // only the run's first leaf can equal the prefix; the rest are longer
  }
}

void LeafAnswers::hold(std::string_view scope) {
  const std::string_view key = !scope.empty() && scope.back() == '*' ? scope.substr(0, scope.size() - 1) : scope;
  hold_key(scope, key, hash_of(key));
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
    // The hash and the check in one pass; a trailing `*` is printable, and not part of the key.
    const std::string_view key = scope.back() == '*' ? scope.substr(0, scope.size() - 1) : scope;
    const Scan s = scan(key);
    if (!s.printable) {
      Error e = check_scope(scope).error();
      e.where.file = name;
      e.where.line = line;
      return e;
    }
    hold_key(scope, key, static_cast<size_t>(s.hash));
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
