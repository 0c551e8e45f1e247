// gcc-style text: `file:line:column: severity: message [rule-id]`, the source line with a caret
// under the column (clang/rustc style), the context, a `help:` line, a summary.
#include <algorithm>
#include <cstdio>
#include <ostream>
#include <set>

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

// One screen column of a snippet line: its printable text (an expanded tab is several spaces, a
// control byte is \xNN) and how many columns that takes.
struct Cell {
  std::string text;
  size_t width = 1;
};

constexpr size_t kTabStop = 8;          // as a terminal and `cat` show tabs
constexpr size_t kSnippetWidth = 100;   // longer lines are cut to this many columns around the caret
constexpr size_t kCaretFromLeft = 40;   // where the caret sits in a cut line

// The line as cells; `caret` gets the cell that holds byte `column - 1` (the line's length when the
// column is just past its end; npos when it lies further out or there is none).
std::vector<Cell> snippet_cells(std::string_view line, int column, size_t& caret) {
  std::vector<Cell> cells;
  size_t screen = 0;
  auto target = column > 0 ? static_cast<size_t>(column - 1) : std::string_view::npos;
  caret = std::string_view::npos;
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;
    Cell c;
    auto b = static_cast<unsigned char>(line[i]);
    char32_t cp = 0;
    if (line[i] == '\t') {
      c.width = kTabStop - screen % kTabStop;
      c.text.assign(c.width, ' ');
    } else if (b >= 0x80 && (len = utf8_sequence(line, i, cp)) > 0 && !(cp >= 0x80 && cp <= 0x9F)) {
      c.text = std::string(line.substr(i, len));  // one column: wide East Asian characters are not measured
    } else {
      len = 1;
      c.text = printable(line.substr(i, 1));
      c.width = c.text.size();
    }
    if (target != std::string_view::npos && target >= i && target < i + len) caret = cells.size();
    screen += c.width;
    cells.push_back(std::move(c));
    i += len;
  }
  if (target == line.size()) caret = cells.size();
  return cells;
}

// `   13 | the line` and `      |     ^` under it; long lines cut around the caret with "...".
void write_snippet(std::ostream& out, const Finding& f, const Painter& paint) {
  size_t caret = 0;
  std::vector<Cell> cells = snippet_cells(f.source_line, f.where.column, caret);
  std::vector<size_t> start_col(cells.size() + 1, 0);
  for (size_t i = 0; i < cells.size(); ++i) start_col[i + 1] = start_col[i] + cells[i].width;
  size_t total = start_col.back();
  size_t first = 0, last = cells.size();  // the cells shown: [first, last)
  if (total > kSnippetWidth) {
    size_t caret_col = caret == std::string_view::npos ? 0 : start_col[caret];
    size_t from = caret_col > kCaretFromLeft ? caret_col - kCaretFromLeft : 0;
    from = std::min(from, total - kSnippetWidth);
    size_t to = from + kSnippetWidth;
    while (first < cells.size() && start_col[first] < from) ++first;
    last = first;
    while (last < cells.size() && start_col[last + 1] <= to) ++last;
  }
  std::string text = first > 0 ? "..." : "";
  for (size_t i = first; i < last; ++i) text += cells[i].text;
  if (last < cells.size()) text += "...";
  while (!text.empty() && text.back() == ' ') text.pop_back();

  std::string number = std::to_string(f.where.line);
  size_t gutter = std::max<size_t>(5, number.size());
  out << paint(kDim, std::string(gutter - number.size(), ' ') + number + " |") << (text.empty() ? "" : " ") << text
      << "\n";
  if (caret == std::string_view::npos || caret < first || caret > last) return;
  size_t pad = (first > 0 ? 3 : 0) + start_col[caret] - start_col[first];
  out << paint(kDim, std::string(gutter, ' ') + " |") << " " << std::string(pad, ' ')
      << paint(severity_style(f.severity), "^") << "\n";
}

void write_finding(std::ostream& out, const Finding& f, const Painter& paint) {
  std::string prefix = f.where.str();
  bool context_is_prefix = prefix.empty();
  if (prefix.empty()) prefix = f.context;  // review: no file, the context says which request
  if (!prefix.empty()) out << paint(kBold, printable(prefix) + ":") << " ";
  out << paint(severity_style(f.severity), std::string(severity_name(f.severity)) + ":") << " "
      << printable(f.message) << " [" << printable(f.rule) << "]\n";
  if (!f.source_line.empty() && f.where.has_position()) write_snippet(out, f, paint);
  // The function, alias or `case` branch the finding comes from ("tc-signin/relduty"), and the
  // line that called it: the line above alone does not say which path of a function was judged.
  if (!context_is_prefix && !f.context.empty()) out << "  " << paint(kDim, "in: " + printable(f.context)) << "\n";
  // The place a sign-in reached through a call is written, and the findings of the same cause
  // folded into this one (judge/fold.h).
  for (const auto& r : f.related) {
    std::string text = "note: ";
    if (!r.where.str().empty() && !(r.where.file == f.where.file && r.where.line == f.where.line &&
                                    r.where.column == f.where.column))
      text += r.where.str() + ": ";
    if (!r.rule.empty()) text += "also " + r.rule + " (" + std::string(severity_name(r.severity)) + "): ";
    text += r.message;
    out << "  " << paint(kDim, printable(text)) << "\n";
  }
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
  if (options.text_list_files && report.files) {
    out << paint(kBold, "files checked:") << "\n";
    for (const auto& file : *report.files) out << "  " << printable(file) << "\n";
    out << "\n";
  }
  if (options.text_show_requests) {
    for (size_t i = 0; i < report.requests.size(); ++i) write_request(out, i, report.requests[i], paint);
    if (!report.requests.empty()) out << "\n";
  }
  for (const auto& f : report.findings) write_finding(out, f, paint);
  if (report.findings.empty()) {
    out << "no findings\n";
  } else {
    out << counted(report.count(Severity::Error), "error") << ", "
        << counted(report.count(Severity::Warning), "warning") << ", "
        << counted(report.count(Severity::Note), "note") << "\n";
  }
  // What was checked, so a run that read nothing cannot pass for a clean one. A sign-in is a call
  // site; a function's call site judged on several paths (case branches, callers) is more requests.
  if (report.files) {
    std::set<std::string> sites;
    for (const auto& r : report.requests) sites.insert(r.where.str());
    std::string line = "checked " + counted(report.files->size(), "file") + ", " + counted(sites.size(), "sign-in");
    if (report.requests.size() != sites.size()) line += " (" + counted(report.requests.size(), "request") + ")";
    out << line << "\n";
  }
}

}  // namespace tcg::report
