#include "policy/suggest.h"

#include <algorithm>
#include <cctype>

namespace tcg::policy {

size_t edit_distance(std::string_view a, std::string_view b) {
  // Typos are short; long inputs are never "close", so do not spend quadratic time on them.
  constexpr size_t kMaxLength = 256;
  if (a.size() > kMaxLength || b.size() > kMaxLength) return std::max(a.size(), b.size());
  auto fold = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t substitution = diagonal + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A truncated word ("root-scope") is most likely the shortest candidate it begins.
  std::optional<std::string> shortest_extension;
  for (const auto& candidate : candidates)
    if (word.size() >= 3 && candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0 &&
        (!shortest_extension || candidate.size() < shortest_extension->size()))
      shortest_extension = candidate;
  if (shortest_extension) return shortest_extension;
  std::optional<std::string> best;
  size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    size_t d = edit_distance(word, candidate);
    if (!best || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  // Close enough: at most a third of the longer word, and at least one edit allowed.
  if (!best) return std::nullopt;
  size_t allowed = std::max<size_t>(1, std::max(word.size(), best->size()) / 3);
  if (best_distance > allowed) return std::nullopt;
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = closest_match(word, candidates);
  return match ? " (did you mean `" + *match + "`?)" : "";
}

}  // namespace tcg::policy
