// JavaScript's conversions that the reference's results depend on: number text, string order,
// key order, dates. Facts from ECMA-262 (Number::toString, StringToNumber, Date Time String Format).
#include "jsone/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tcg::jsone::detail {

void Object::set(const std::string& key, Value v) {
  depth = std::max(depth, depth_of(v) + 1);
  auto it = index.find(key);
  if (it != index.end()) {
    items[it->second].second = std::move(v);
    return;
  }
  index.emplace(key, items.size());
  items.emplace_back(key, std::move(v));
}

namespace {
// A canonical array index ("0", "17", at most 2^32 - 2) enumerates first, in numeric order.
bool array_index(const std::string& k, uint64_t& out) {
  if (k.empty() || k.size() > 10) return false;
  if (k.size() > 1 && k[0] == '0') return false;
  uint64_t n = 0;
  for (char c : k) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (n > 4294967294ULL) return false;
  out = n;
  return true;
}
}  // namespace

std::vector<const std::pair<std::string, Value>*> Object::keys() const {
  std::vector<std::pair<uint64_t, const std::pair<std::string, Value>*>> numeric;
  std::vector<const std::pair<std::string, Value>*> out;
  for (const auto& kv : items) {
    uint64_t n = 0;
    if (array_index(kv.first, n)) numeric.emplace_back(n, &kv);
  }
  if (numeric.empty()) {
    out.reserve(items.size());
    for (const auto& kv : items) out.push_back(&kv);
    return out;
  }
  std::sort(numeric.begin(), numeric.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& n : numeric) out.push_back(n.second);
  for (const auto& kv : items) {
    uint64_t n = 0;
    if (!array_index(kv.first, n)) out.push_back(&kv);
  }
  return out;
}

std::string js_number_to_string(double d) {
  if (std::isnan(d)) return "NaN";
  if (d == 0) return "0";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d < 0) return "-" + js_number_to_string(-d);
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e = sci.find('e');
  std::string digits;
  for (size_t i = 0; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  int exp10 = std::atoi(sci.c_str() + e + 1);
  int k = static_cast<int>(digits.size());
  int n = exp10 + 1;
  if (k <= n && n <= 21) return digits + std::string(static_cast<size_t>(n - k), '0');
  if (0 < n && n <= 21) return digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  if (-6 < n && n <= 0) return "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  std::string mant = k == 1 ? digits : digits.substr(0, 1) + "." + digits.substr(1);
  return mant + "e" + (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
}

std::vector<char32_t> utf8_decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool bad = false;
    for (int j = 1; j < len; ++j) {
      auto cc = static_cast<unsigned char>(s[i + static_cast<size_t>(j)]);
      if ((cc & 0xC0) != 0x80) bad = true;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (bad) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string utf8_encode(const std::vector<char32_t>& cps, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    char32_t c = cps[i];
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool is_js_space(char32_t c) {
  return c == 9 || c == 10 || c == 11 || c == 12 || c == 13 || c == 32 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

int js_compare_strings(const std::string& a, const std::string& b) {
  bool ascii = true;
  for (char c : a) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  for (char c : b) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
  auto units = [](const std::string& s) {
    std::u16string u;
    for (char32_t c : utf8_decode(s)) {
      if (c >= 0x10000) {
        u += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
        u += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
      } else {
        u += static_cast<char16_t>(c);
      }
    }
    return u;
  };
  std::u16string ua = units(a), ub = units(b);
  return ua < ub ? -1 : ua == ub ? 0 : 1;
}

std::string js_quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

double js_string_to_number(std::string_view text) {
  auto cps = utf8_decode(text);
  size_t b = 0, e = cps.size();
  while (b < e && is_js_space(cps[b])) ++b;
  while (e > b && is_js_space(cps[e - 1])) --e;
  std::string s = utf8_encode(cps, b, e);
  if (s.empty()) return 0;
  if (s == "Infinity" || s == "+Infinity") return INFINITY;
  if (s == "-Infinity") return -INFINITY;
  if (s.size() > 2 && s[0] == '0') {
    int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : (s[1] == 'b' || s[1] == 'B') ? 2 : 0;
    if (base) {
      double v = 0;
      for (size_t i = 2; i < s.size(); ++i) {
        char c = s[i];
        int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
        if (d >= base) return NAN;
        v = v * base + d;
      }
      return v;
    }
  }
  // StrDecimalLiteral: [+-] (digits [. [digits]] | . digits) [(e|E) [+-] digits]
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return NAN;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return NAN;
  }
  if (i != s.size()) return NAN;
  return std::strtod(s.c_str(), nullptr);
}

namespace {
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}
bool digits(const std::string& s, size_t& i, size_t n, int64_t& out) {
  if (i + n > s.size()) return false;
  int64_t v = 0;
  for (size_t j = 0; j < n; ++j) {
    char c = s[i + j];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  i += n;
  out = v;
  return true;
}
}  // namespace

double js_time_clip(double t) {
  if (!std::isfinite(t) || std::fabs(t) > 8.64e15) return NAN;
  return std::trunc(t) + 0.0;
}

// The ECMAScript date time string format (and its date-only forms, which are UTC). A date-time
// without an offset is local time in JavaScript; tcguard takes it as UTC.
double js_parse_date(const std::string& s) {
  size_t i = 0;
  int64_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    bool neg = s[i] == '-';
    ++i;
    if (!digits(s, i, 6, year)) return NAN;
    if (neg && year == 0) return NAN;
    if (neg) year = -year;
  } else if (!digits(s, i, 4, year)) {
    return NAN;
  }
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (!digits(s, i, 2, month)) return NAN;
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!digits(s, i, 2, day)) return NAN;
    }
  }
  if (i < s.size() && s[i] == 'T') {
    ++i;
    if (!digits(s, i, 2, hour) || i >= s.size() || s[i] != ':') return NAN;
    ++i;
    if (!digits(s, i, 2, minute)) return NAN;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!digits(s, i, 2, second)) return NAN;
      if (i < s.size() && s[i] == '.') {
        ++i;
        size_t start = i;
        int64_t scale = 100;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          if (scale > 0) ms += (s[i] - '0') * scale;
          scale /= 10;
          ++i;
        }
        if (i == start) return NAN;
      }
    }
    int64_t offset_min = 0;
    if (i < s.size() && s[i] == 'Z') {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int sign = s[i] == '-' ? -1 : 1;
      ++i;
      int64_t oh = 0, om = 0;
      if (!digits(s, i, 2, oh) || i >= s.size() || s[i] != ':') return NAN;
      ++i;
      if (!digits(s, i, 2, om) || oh > 23 || om > 59) return NAN;
      offset_min = sign * (oh * 60 + om);
    }
    if (i != s.size()) return NAN;
    if (hour > 24 || minute > 59 || second > 59 || (hour == 24 && (minute || second || ms))) return NAN;
    if (month < 1 || month > 12 || day < 1 || day > 31) return NAN;
    double t = static_cast<double>(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) * 86400000.0 +
               static_cast<double>(((hour * 60 + minute - offset_min) * 60 + second) * 1000 + ms);
    return js_time_clip(t);
  }
  if (i != s.size()) return NAN;
  if (month < 1 || month > 12 || day < 1 || day > 31) return NAN;
  return js_time_clip(static_cast<double>(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) * 86400000.0);
}

std::string js_date_to_json(double t) {
  t = js_time_clip(t);
  if (std::isnan(t)) return "";
  auto ms_total = static_cast<int64_t>(t);
  int64_t days = ms_total >= 0 ? ms_total / 86400000 : -((-ms_total + 86400000 - 1) / 86400000);
  int64_t rem = ms_total - days * 86400000;
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buf[64];
  if (y >= 0 && y <= 9999)
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(y));
  else
    std::snprintf(buf, sizeof buf, "%c%06lld", y < 0 ? '-' : '+', static_cast<long long>(y < 0 ? -y : y));
  char rest[64];
  std::snprintf(rest, sizeof rest, "-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", m, d, static_cast<long long>(rem / 3600000),
                static_cast<long long>(rem / 60000 % 60), static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
  return std::string(buf) + rest;
}

}  // namespace tcg::jsone::detail
