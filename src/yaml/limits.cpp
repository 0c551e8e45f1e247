#include "yaml/limits.h"

#include <cstdio>
#include <string>

namespace tcg::yaml {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool ends_token(std::string_view text, size_t i) {
  return i + 1 >= text.size() || is_blank(text[i + 1]) || text[i + 1] == '\n' || text[i + 1] == '\r';
}

}  // namespace

// The estimate may only err upwards: every `[`/`{` counts as an opener, even inside what looks like
// a string, while a closer counts only outside strings and comments. So a misjudged quote can make
// a harmless file look deeper, never a deep file look shallow.
Status check_yaml_limits(std::string_view text, const std::string& filename, size_t max_bytes, const std::string& kind) {
  if (text.size() > max_bytes)
    return Error{kind + " is larger than " + std::to_string(max_bytes >> 20) + " MiB", SourceLocation{filename, 0, 0}};
  int line = 1;
  int column = 1;
  int flow_depth = 0;
  int line_depth = 0;       // indentation + block indicators on the current line
  bool line_start = true;   // still in the leading indentation
  char quote = 0;           // inside '...' or "..."
  bool comment = false;
  auto fail = [&](const std::string& what) {
    return Error{"the document nests too deeply (" + what + "); " + kind + "s are flat",
                 SourceLocation{filename, line, column}};
  };
  for (size_t i = 0; i < text.size(); ++i, ++column) {
    char c = text[i];
    // YAML allows no C0 control character but tab, line feed and carriage return (nor DEL); a
    // NUL makes yaml-cpp 0.7's multi-document loader loop forever, so they stop here.
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
      return Error{std::string("control character ") + code + " is not allowed in a YAML file",
                   SourceLocation{filename, line, column}};
    }
    if (c == '\n') {
      ++line;
      column = 0;
      line_depth = 0;
      line_start = true;
      comment = false;
      continue;
    }
    if (line_start) {
      if (c == ' ') {
        if (++line_depth > kMaxBlockDepth) return fail("indentation");
        continue;
      }
      line_start = false;
    }
    if (c == '[' || c == '{') {
      if (++flow_depth > kMaxFlowDepth) return fail("brackets");
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c == '\\' && quote == '"') {
        ++i;
        ++column;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    bool token_start = i == 0 || is_blank(text[i - 1]) || text[i - 1] == '\n' || text[i - 1] == '[' ||
                       text[i - 1] == '{' || text[i - 1] == ',' || text[i - 1] == ':';
    if (c == '#' && token_start) {
      comment = true;
    } else if ((c == '\'' || c == '"') && token_start) {
      quote = c;
    } else if (c == ']' || c == '}') {
      if (flow_depth > 0) --flow_depth;
    } else if ((c == '-' || c == '?' || c == ':') && ends_token(text, i)) {
      if (++line_depth > kMaxBlockDepth) return fail("indicators");
    }
  }
  return Ok{};
}

}  // namespace tcg::yaml
