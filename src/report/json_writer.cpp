#include "report/json_writer.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace tcg::report {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Bytes copied as they are: printable ASCII but the quote and the backslash. A table, since every
// byte of every string in a report is looked up here.
constexpr auto kPlainAscii = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

bool plain_ascii(unsigned char c) { return kPlainAscii[c]; }

// The end of the run of plain bytes starting at `i`: eight bytes at a time while none of them is
// a control byte, a quote, a backslash or a byte >= 0x80 (the usual bit tricks on a 64-bit
// word), then byte by byte.
size_t plain_run_end(std::string_view text, size_t i) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  while (i + 8 <= text.size()) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    uint64_t bad = (w & kHigh) | ((w - kOnes * 0x20) & ~w & kHigh) | has_zero(w ^ (kOnes * '"')) |
                   has_zero(w ^ (kOnes * '\\'));
    if (bad) break;
    i += 8;
  }
  while (i < text.size() && plain_ascii(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

void append_escaped_ascii(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  if (c < 0x20) {
    constexpr std::string_view kHex = "0123456789abcdef";  // lower case, as nlohmann prints
    out += "\\u00";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
    return;
  }
  out += static_cast<char>(c);  // 0x20..0x7F other than the above (DEL is not escaped)
}

// The length of the well-formed UTF-8 sequence starting at text[i] (a byte >= 0x80), or the
// number of bytes of its maximal ill-formed subpart, as a negative number (at least 1 byte).
// Unicode Table 3-7: the second byte's range depends on the lead byte; later bytes are 80..BF.
int utf8_sequence(std::string_view text, size_t i) {
  unsigned char lead = static_cast<unsigned char>(text[i]);
  int length;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;  // a continuation byte, C0, C1 or F5..FF: never valid first
  }
  int k = 1;
  for (; k < length && i + static_cast<size_t>(k) < text.size(); ++k) {
    unsigned char b = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) break;
  }
  return k == length ? length : -k;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    size_t run = plain_run_end(text, i);
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      append_escaped_ascii(out, c);
      ++i;
      continue;
    }
    int n = utf8_sequence(text, i);
    if (n > 0) {
      out.append(text.data() + i, static_cast<size_t>(n));
      i += static_cast<size_t>(n);
    } else {
      // The byte that ended the subpart is read again as the start of what follows.
      out += kReplacement;
      i += static_cast<size_t>(-n);
    }
  }
  out += '"';
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(buffer_, name);
  buffer_ += ": ";
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(buffer_, text);
  maybe_flush();
}

void JsonWriter::value(int64_t number) {
  before_value();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  buffer_.append(digits, end);
}

void JsonWriter::value(uint64_t number) {
  before_value();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  buffer_.append(digits, end);
}

void JsonWriter::value(bool flag) {
  before_value();
  buffer_ += flag ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  buffer_ += "null";
}

void JsonWriter::raw(std::string_view text) { buffer_ += text; }

void JsonWriter::flush() {
  if (buffer_.empty()) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonWriter::open(char bracket) {
  before_value();
  buffer_ += bracket;
  counts_.push_back(0);
}

void JsonWriter::close(char bracket) {
  size_t written = counts_.back();
  counts_.pop_back();
  if (written > 0) newline_indent(counts_.size());
  buffer_ += bracket;
  maybe_flush();
}

void JsonWriter::before_value() {
  if (after_key_) {  // a member's value follows its key on the same line
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;  // the top-level value
  if (counts_.back()++ > 0) buffer_ += ',';
  newline_indent(counts_.size());
}

void JsonWriter::newline_indent(size_t depth) {
  // One append for the usual depths (reports nest 7 deep at most).
  static constexpr std::string_view kIndent = "\n                                ";
  if (1 + 2 * depth <= kIndent.size()) {
    buffer_.append(kIndent.data(), 1 + 2 * depth);
    return;
  }
  buffer_ += '\n';
  buffer_.append(2 * depth, ' ');
}

}  // namespace tcg::report
