// The `--expires` grammar of the Taskcluster UI (ui/src/utils/parseTime.js), re-implemented as a
// small scanner so that every error can name its column:
//   [ws] [sign] { [ws] digits [ws] unit }  [ws]     units strictly in the order y, mo, w, d, h, m, s
// Each unit at most once, each optional; "" (or a lone sign) is zero.
#include "duration/duration.h"

#include <array>
#include <cstring>
#include <limits>
#include <optional>

namespace tcg {

namespace {

struct Unit {
  const char* name;      // for messages
  int64_t seconds;
  std::array<const char*, 4> spellings;
};

// In the grammar's order. A month is 30 days and a year 365, as the UI counts them.
constexpr std::array<Unit, 7> kUnits = {{
    {"years", 365 * 86400, {"y", "yr", "year", "years"}},
    {"months", 30 * 86400, {"mo", "month", "months", nullptr}},
    {"weeks", 7 * 86400, {"w", "wk", "week", "weeks"}},
    {"days", 86400, {"d", "day", "days", nullptr}},
    {"hours", 3600, {"h", "hr", "hour", "hours"}},
    {"minutes", 60, {"m", "min", "minute", "minutes"}},
    {"seconds", 1, {"s", "sec", "second", "seconds"}},
}};

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Length of the whitespace character at `pos` as JavaScript's `\s` sees it (ASCII blanks and the
// Unicode spaces, in UTF-8), or 0.
size_t whitespace_at(std::string_view s, size_t pos) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  auto starts = [&](const char* bytes) {
    size_t n = std::strlen(bytes);
    return s.size() - pos >= n && s.compare(pos, n, bytes) == 0;
  };
  if (starts("\xC2\xA0")) return 2;                          // U+00A0
  if (starts("\xE1\x9A\x80")) return 3;                      // U+1680
  if (s.size() - pos >= 3 && c == 0xE2 && static_cast<unsigned char>(s[pos + 1]) == 0x80) {
    unsigned char t = static_cast<unsigned char>(s[pos + 2]);
    if ((t >= 0x80 && t <= 0x8A) || t == 0xA8 || t == 0xA9 || t == 0xAF) return 3;  // U+2000..200A, 2028, 2029, 202F
  }
  if (starts("\xE2\x81\x9F")) return 3;                      // U+205F
  if (starts("\xE3\x80\x80")) return 3;                      // U+3000
  if (starts("\xEF\xBB\xBF")) return 3;                      // U+FEFF
  return 0;
}

size_t skip_whitespace(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    size_t n = whitespace_at(s, pos);
    if (n == 0) break;
    pos += n;
  }
  return pos;
}

Error error_at(size_t pos, std::string message) {
  return Error{std::move(message), SourceLocation{"", 0, static_cast<int>(pos + 1)}};
}

std::optional<size_t> unit_index(std::string_view word) {
  std::string folded(word);
  for (auto& c : folded) c = lower(c);
  for (size_t i = 0; i < kUnits.size(); ++i)
    for (const char* spelling : kUnits[i].spellings)
      if (spelling && folded == spelling) return i;
  return std::nullopt;
}

// Appended piece by piece: `"`" + std::string(s)` trips GCC 12's -Wrestrict at -O3.
std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '`';
  out += s;
  out += '`';
  return out;
}

}  // namespace

Result<int64_t> parse_duration(std::string_view text) {
  size_t pos = skip_whitespace(text, 0);
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  // Accumulate downwards when the sign is '-' (so the int64 minimum is reachable); every overflow
  // is caught before it happens.
  int64_t total = 0;
  size_t next_unit = 0;  // units before this index are used up
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  while (true) {
    pos = skip_whitespace(text, pos);
    if (pos >= text.size()) break;
    if (!is_digit(text[pos])) {
      if (text[pos] == '-' || text[pos] == '+')
        return error_at(pos, "a sign is only allowed at the start of the duration");
      if (is_letter(text[pos])) return error_at(pos, "expected a number before the unit");
      return error_at(pos, "unexpected " + quoted(text.substr(pos, 1)) + " in duration");
    }
    size_t number_start = pos;
    int64_t number = 0;
    while (pos < text.size() && is_digit(text[pos])) {
      int digit = text[pos] - '0';
      if (number > (kMax - digit) / 10) return error_at(number_start, "number too large in duration");
      number = number * 10 + digit;
      ++pos;
    }
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ','))
      return error_at(pos, "durations take whole numbers only (e.g. 90m instead of 1.5h)");
    pos = skip_whitespace(text, pos);
    size_t unit_start = pos;
    while (pos < text.size() && is_letter(text[pos])) ++pos;
    if (unit_start == pos) {
      if (pos >= text.size()) return error_at(pos, "a number needs a unit (y, mo, w, d, h, m or s), e.g. " +
                                                       std::string(text.substr(number_start, pos - number_start)) + "s");
      return error_at(pos, "expected a unit (y, mo, w, d, h, m or s) after the number");
    }
    std::string_view word = text.substr(unit_start, pos - unit_start);
    auto unit = unit_index(word);
    if (!unit) return error_at(unit_start, "unknown unit " + quoted(word) + " (use y, mo, w, d, h, m or s)");
    if (*unit < next_unit) {
      bool repeated = *unit == next_unit - 1;
      return error_at(unit_start, std::string(kUnits[*unit].name) + (repeated ? " given twice" : " out of order") +
                                      "; units go from largest to smallest, each at most once (e.g. 1d2h30m)");
    }
    next_unit = *unit + 1;
    int64_t scale = kUnits[*unit].seconds;
    if (number > kMax / scale) return error_at(number_start, "duration too large");
    int64_t part = number * scale;
    if (negative) {
      if (total < kMin + part) return error_at(number_start, "duration too large");
      total -= part;
    } else {
      if (total > kMax - part) return error_at(number_start, "duration too large");
      total += part;
    }
  }
  return total;
}

std::string format_duration(int64_t seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  uint64_t rest;
  if (seconds < 0) {
    out = "-";
    rest = static_cast<uint64_t>(-(seconds + 1)) + 1;  // no overflow for the minimum
  } else {
    rest = static_cast<uint64_t>(seconds);
  }
  constexpr std::array<std::pair<uint64_t, char>, 4> parts = {{{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}};
  for (const auto& [size, letter] : parts) {
    uint64_t count = rest / size;
    rest %= size;
    if (count) out += std::to_string(count) + letter;
  }
  return out;
}

}  // namespace tcg
