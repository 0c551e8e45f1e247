#include "rules/shell/token_placeholder.h"

#include <string_view>

namespace tcg::rules {

namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Random-looking: long, with upper and lower case letters and digits (a token's shape). Words in
// it are then chance, not a placeholder's wording.
bool random_looking(std::string_view v) {
  bool up = false, low = false, digit = false;
  for (char c : v) up |= is_upper(c), low |= is_lower(c), digit |= is_digit(c);
  return v.size() >= 20 && up && low && digit;
}

char lowered(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// `word` is lower case; no copy of `v` (this runs on every literal the token variable gets).
bool contains_ignoring_case(std::string_view v, std::string_view word) {
  if (word.size() > v.size()) return false;
  for (size_t i = 0; i + word.size() <= v.size(); ++i) {
    size_t k = 0;
    while (k < word.size() && lowered(v[i + k]) == word[k]) ++k;
    if (k == word.size()) return true;
  }
  return false;
}

}  // namespace

bool is_token_placeholder(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty()) return true;
  // Wrapped: <token>, <...>, [token], {{ token }}, {token} (not JSON), %TOKEN%; a reference kept literal: ${TOKEN}, $TOKEN.
  if ((v.front() == '<' && v.back() == '>') || (v.front() == '[' && v.back() == ']') ||
      (v.substr(0, 2) == "{{" && v.substr(v.size() - 2) == "}}") ||
      (v.front() == '{' && v.back() == '}' && v.find_first_of(":\"") == std::string_view::npos) || (v.size() > 1 && v.front() == '%' && v.back() == '%'))
    return true;
  if (v.front() == '$') return true;
  // Made of filler only: .., ....., xxxxxxxx, XXXX, ***, ___, ---, ###, 0000.
  bool filler = true;
  for (char c : v)
    if (!(c == '.' || c == 'x' || c == 'X' || c == '*' || c == '_' || c == '-' || c == '#' || c == '0' || c == '?'))
      filler = false;
  if (filler) return true;
  // The same character over and over (aaaaaaaa, 11111111): typed to fill a gap.
  if (v.size() >= 4 && v.find_first_not_of(v.front()) == std::string_view::npos) return true;
  if (random_looking(v)) return false;
  for (std::string_view word : {"your", "token", "changeme", "change-me", "change_me", "redacted", "placeholder",
                                "example", "dummy", "fake", "sample", "insert", "replace", "secret", "todo",
                                "fixme", "here", "xxx", "..."})
    if (contains_ignoring_case(v, word)) return true;
  return false;
}

}  // namespace tcg::rules
