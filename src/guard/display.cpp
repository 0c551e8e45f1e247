#include "guard/display.h"

#include <cstdio>

#include "guard/audit.h"

namespace tcg::guard {

namespace {

void hex_byte(std::string& out, unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
  out += buf;
}

// Length of the UTF-8 sequence at text[i] and its code point; 0 when it is not valid UTF-8.
size_t utf8_at(std::string_view text, size_t i, char32_t& cp) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (c >= 0xf5) len = 0;
  if (len == 0 || i + len > text.size()) return 0;
  cp = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
  for (size_t k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(text[i + k]);
    if ((d & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

bool invisible_format(char32_t cp) {
  return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) ||
         cp == 0xfeff || cp == 0x061c;
}

}  // namespace

std::string escape_controls(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '\n' && keep_newlines) out.push_back('\n');
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c == 0x7f) hex_byte(out, c);
      else out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t len = utf8_at(text, i, cp);
    if (len == 0) {
      hex_byte(out, c);
      ++i;
      continue;
    }
    if (cp >= 0x80 && cp <= 0x9f) {
      hex_byte(out, static_cast<unsigned char>(cp));
    } else if (invisible_format(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string shown(std::string_view text) { return escape_controls(redact_text(std::string(text))); }

}  // namespace tcg::guard
