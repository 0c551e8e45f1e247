// echo and printf, the two commands whose output people feed to `-s` (`$(IFS=$'\n'; echo ..)`,
// `$(printf '%s\n' "${scopes[@]}")`).
#include <string>
#include <vector>

#include "shell/eval_state.h"

namespace tcg::shell {

namespace {

// Backslash escapes of `echo -e`, printf formats and %b arguments.
void append_escaped(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      default:
        out += '\\';
        out += e;
    }
  }
}

}  // namespace

std::string echo_output(const std::vector<std::string>& args) {
  bool newline = true;
  bool escapes = false;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-' || a.find_first_not_of("neE", 1) != std::string::npos) break;
    for (size_t k = 1; k < a.size(); ++k) {
      if (a[k] == 'n') newline = false;
      if (a[k] == 'e') escapes = true;
      if (a[k] == 'E') escapes = false;
    }
  }
  std::string out;
  for (size_t k = i; k < args.size(); ++k) {
    if (k > i) out += ' ';
    if (escapes) {
      append_escaped(out, args[k]);
    } else {
      out += args[k];
    }
  }
  if (newline) out += '\n';
  return out;
}

std::optional<std::string> printf_output(const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  size_t first = 0;
  if (args[0] == "--") first = 1;
  if (first >= args.size() || args[first] == "-v") return std::nullopt;
  const std::string& format = args[first];
  std::vector<std::string> rest(args.begin() + static_cast<long>(first) + 1, args.end());
  std::string out;
  size_t next = 0;
  // The format is reused while arguments remain (and printed once when there are none).
  for (int round = 0; round < 10000; ++round) {
    bool consumed = false;
    for (size_t i = 0; i < format.size(); ++i) {
      char c = format[i];
      if (c == '\\' && i + 1 < format.size()) {
        append_escaped(out, format.substr(i, 2));
        ++i;
        continue;
      }
      if (c != '%') {
        out += c;
        continue;
      }
      if (i + 1 >= format.size()) {
        out += '%';
        break;
      }
      // Flags and width are not modelled beyond being skipped.
      size_t k = i + 1;
      while (k < format.size() && std::string_view("-+ #0123456789.").find(format[k]) != std::string_view::npos) ++k;
      if (k >= format.size()) return std::nullopt;
      char conv = format[k];
      i = k;
      if (conv == '%') {
        out += '%';
        continue;
      }
      std::string arg = next < rest.size() ? rest[next] : std::string();
      if (next < rest.size()) {
        ++next;
        consumed = true;
      }
      if (conv == 's') {
        out += arg;
      } else if (conv == 'b') {
        append_escaped(out, arg);
      } else if (conv == 'd' || conv == 'i' || conv == 'u') {
        out += arg.empty() ? "0" : arg;
      } else {
        return std::nullopt;
      }
    }
    if (!consumed || next >= rest.size()) break;
  }
  return out;
}

}  // namespace tcg::shell
