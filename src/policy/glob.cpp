#include "policy/glob.h"

#include <vector>

namespace tcg::policy {

namespace {

std::string_view strip_dot_slash(std::string_view s) {
  while (s.size() >= 2 && s[0] == '.' && s[1] == '/') s.remove_prefix(2);
  return s;
}

// Length of the `[...]` class at pattern[p], or 0 when there is no closing ']' (then '[' is literal).
size_t class_length(std::string_view pattern, size_t p) {
  size_t i = p + 1;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) ++i;
  if (i < pattern.size() && pattern[i] == ']') ++i;  // a leading ']' is a member
  while (i < pattern.size() && pattern[i] != ']') ++i;
  return i < pattern.size() ? i + 1 - p : 0;
}

bool class_matches(std::string_view pattern, size_t p, size_t length, char c) {
  if (c == '/') return false;
  size_t i = p + 1;
  const size_t end = p + length - 1;  // the closing ']'
  bool negate = pattern[i] == '!' || pattern[i] == '^';
  if (negate) ++i;
  bool found = false;
  while (i < end) {
    char lo = pattern[i];
    char hi = lo;
    if (i + 2 < end && pattern[i + 1] == '-') {
      hi = pattern[i + 2];
      i += 2;
    }
    if (lo <= c && c <= hi) found = true;
    ++i;
  }
  return found != negate;
}

}  // namespace

// Dynamic programming over (pattern position, path position): linear memory, O(n*m) time, so no
// pattern can make matching explode.
bool glob_match(std::string_view pattern, std::string_view path) {
  pattern = strip_dot_slash(pattern);
  path = strip_dot_slash(path);
  const size_t n = path.size();
  // reach[j]: the pattern prefix consumed so far matches path[0, j).
  std::vector<char> reach(n + 1, 0);
  reach[0] = 1;
  size_t p = 0;
  while (p < pattern.size()) {
    std::vector<char> next(n + 1, 0);
    char pc = pattern[p];
    if (pc == '*' && p + 1 < pattern.size() && pattern[p + 1] == '*') {
      // `**/` also matches no folder at all; `**` matches anything, '/' included.
      size_t len = 2;
      bool slash = p + 2 < pattern.size() && pattern[p + 2] == '/';
      if (slash) len = 3;
      bool any = false;
      for (size_t j = 0; j <= n; ++j) {
        any = any || reach[j];
        if (!any) continue;
        if (!slash) {
          next[j] = 1;
        } else if (reach[j]) {
          next[j] = 1;  // zero folders
        }
        if (slash && j > 0 && path[j - 1] == '/') next[j] = 1;  // any folders, ending with '/'
      }
      p += len;
    } else if (pc == '*') {
      bool any = false;
      for (size_t j = 0; j <= n; ++j) {
        if (j > 0 && path[j - 1] == '/') any = false;
        any = any || reach[j];
        next[j] = any;
      }
      p += 1;
    } else if (pc == '[' && class_length(pattern, p) > 0) {
      size_t length = class_length(pattern, p);
      for (size_t j = 0; j < n; ++j)
        if (reach[j] && class_matches(pattern, p, length, path[j])) next[j + 1] = 1;
      p += length;
    } else {
      for (size_t j = 0; j < n; ++j)
        if (reach[j] && (pc == '?' ? path[j] != '/' : path[j] == pc)) next[j + 1] = 1;
      p += 1;
    }
    reach.swap(next);
  }
  return reach[n];
}

}  // namespace tcg::policy
