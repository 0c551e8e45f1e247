// gcc-style text: `file:line:column: severity: message [rule-id]`, a `help:` line, a summary.
#include <cstdio>
#include <ostream>

#include "report/render.h"

namespace tcg::report {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kCyan = "\x1b[1;36m";

std::string hex_escape(unsigned char c) {
  char buf[5];
  std::snprintf(buf, sizeof buf, "\\x%02x", c);
  return buf;
}

// Length of the valid UTF-8 sequence at text[i] (0 if invalid), and its code point.
size_t utf8_sequence(std::string_view text, size_t i, char32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  size_t len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
  if (len == 0 || i + len > text.size()) return 0;
  cp = b & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Text from shell files goes to a terminal: control characters (C0, DEL, C1) and invalid UTF-8
// are shown as \xNN so a crafted file cannot move the cursor or recolour the screen.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += text[i++];
      continue;
    }
    if (c < 0x80) {
      out += hex_escape(c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t len = utf8_sequence(text, i, cp);
    if (len == 0 || (cp >= 0x80 && cp <= 0x9F)) {
      size_t bad = len == 0 ? 1 : len;
      for (size_t k = 0; k < bad; ++k) out += hex_escape(static_cast<unsigned char>(text[i + k]));
      i += bad;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(std::string_view style, std::string_view text) const {
    if (!on_ || text.empty()) return std::string(text);
    std::string out(style);
    out += text;
    out += kReset;
    return out;
  }

 private:
  bool on_;
};

std::string_view severity_style(Severity s) {
  switch (s) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kYellow;
    case Severity::Note: return kCyan;
  }
  return kRed;
}

std::string counted(size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// Each line of a (possibly multi-line) help text, the first after "help: ".
void write_help(std::ostream& out, std::string_view help, const Painter& paint) {
  bool first = true;
  while (!help.empty() || first) {
    auto nl = help.find('\n');
    std::string_view line = help.substr(0, nl);
    std::string text = std::string(first ? "help: " : "      ") + printable(line);
    out << "  " << paint(kDim, text) << "\n";
    first = false;
    if (nl == std::string_view::npos) break;
    help.remove_prefix(nl + 1);
  }
}

void write_finding(std::ostream& out, const Finding& f, const Painter& paint) {
  std::string prefix = f.where.str();
  if (prefix.empty()) prefix = f.context;  // review: no file, the context says which request
  if (!prefix.empty()) out << paint(kBold, printable(prefix) + ":") << " ";
  out << paint(severity_style(f.severity), std::string(severity_name(f.severity)) + ":") << " "
      << printable(f.message) << " [" << printable(f.rule) << "]\n";
  if (!f.help.empty()) write_help(out, f.help, paint);
}

std::string cluster_text(const SigninRequest& r) {
  std::string judged = r.production ? "production" : "not production";
  if (!r.cluster.empty()) return printable(r.cluster) + " (" + judged + ")";
  if (r.root_url) return "not in the policy (judged as " + judged + ")";
  return "unknown (judged as " + judged + ")";
}

void write_request(std::ostream& out, size_t index, const SigninRequest& r, const Painter& paint) {
  std::string header = "request " + std::to_string(index + 1);
  if (!r.context.empty()) header += ": " + printable(r.context);
  if (!r.where.str().empty()) header += " at " + printable(r.where.str());
  out << paint(kBold, header) << "\n";
  out << "  cluster:  " << cluster_text(r) << "\n";
  out << "  root URL: " << (r.root_url ? printable(*r.root_url) : "unknown") << "\n";
  out << "  scopes:   ";
  if (!r.scopes_known) {
    out << "unknown\n";
  } else if (r.scopes.empty()) {
    out << "(none)\n";
  } else {
    for (size_t i = 0; i < r.scopes.size(); ++i)
      out << (i ? "            " : "") << printable(r.scopes[i])
          << (i == 0 && r.scopes_defaulted ? "  (default: no --scope given)" : "") << "\n";
  }
  out << "  expires:  ";
  if (!r.expires_known) out << "unknown\n";
  else out << printable(r.expires) << (r.expires_defaulted ? "  (default: no --expires given)" : "") << "\n";
}

}  // namespace

void write_text(std::ostream& out, const Report& report, const RenderOptions& options) {
  Painter paint(options.color);
  if (options.text_show_requests) {
    for (size_t i = 0; i < report.requests.size(); ++i) write_request(out, i, report.requests[i], paint);
    if (!report.requests.empty()) out << "\n";
  }
  for (const auto& f : report.findings) write_finding(out, f, paint);
  if (report.findings.empty()) {
    out << "no findings\n";
    return;
  }
  out << counted(report.count(Severity::Error), "error") << ", "
      << counted(report.count(Severity::Warning), "warning") << ", "
      << counted(report.count(Severity::Note), "note") << "\n";
}

}  // namespace tcg::report
