#include "shell/suppressions.h"

#include <algorithm>
#include <string_view>

namespace tcg::shell {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The lines a suppression on `line` covers: for a comment on its own line, the next command
// (all of it, e.g. a whole function); for a comment at the end of a line, the commands ending there.
void cover(const shell::Analysis& a, const shell::Comment& c, Suppression& s) {
  int line = c.pos.line;
  if (c.own_line) {
    int best_first = 0, best_last = 0;
    for (const auto& e : a.extents) {
      if (e.first_line <= line) continue;
      if (best_first == 0 || e.first_line < best_first ||
          (e.first_line == best_first && e.last_line > best_last)) {
        best_first = e.first_line;
        best_last = e.last_line;
      }
    }
    s.first_line = best_first ? best_first : line + 1;
    s.last_line = best_first ? best_last : line + 1;
    // Nothing but comments in between: the command must follow the comment block.
    return;
  }
  int first = line;
  for (const auto& e : a.extents)
    if (e.last_line == line && e.first_line < first) first = e.first_line;
  s.first_line = first;
  s.last_line = line;
}

}  // namespace

std::vector<Suppression> parse_suppressions(const shell::Analysis& analysis) {
  std::vector<Suppression> out;
  for (const auto& c : analysis.comments) {
    std::string_view text = trim(c.text);
    constexpr std::string_view kPrefix = "tcguard:";
    if (text.substr(0, kPrefix.size()) != kPrefix) continue;
    text = trim(text.substr(kPrefix.size()));
    Suppression s;
    if (text.rfind("disable-file=", 0) == 0) {
      s.file_wide = true;
      text.remove_prefix(13);
    } else if (text.rfind("disable=", 0) == 0) {
      text.remove_prefix(8);
    } else {
      // A tcguard comment that meant to disable something but is not written as a directive.
      std::string_view word = text.substr(0, text.find_first_of(" \t=:"));
      if (word.empty() || word.find("dis") == std::string_view::npos) continue;
      s.malformed = true;
      s.written = std::string(trim(text.substr(0, text.find("--"))));
      s.where = SourceLocation{analysis.file, c.pos.line, c.pos.column};
      out.push_back(std::move(s));
      continue;
    }
    std::string_view ids = text;
    auto dashes = text.find("--");
    if (dashes != std::string_view::npos) {
      ids = text.substr(0, dashes);
      s.reason = std::string(trim(text.substr(dashes + 2)));
    }
    ids = trim(ids);
    while (!ids.empty()) {
      auto comma = ids.find_first_of(", ");
      std::string_view id = trim(ids.substr(0, comma));
      if (!id.empty()) s.ids.emplace_back(id);
      if (comma == std::string_view::npos) break;
      ids.remove_prefix(comma + 1);
    }
    s.where = SourceLocation{analysis.file, c.pos.line, c.pos.column};
    if (!s.file_wide) cover(analysis, c, s);
    out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(const std::vector<Suppression>& suppressions, std::vector<Finding>& findings) {
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding& f) {
                                  if (f.rule == "suppression-without-reason" || f.rule == "suppression-invalid")
                                    return false;
                                  for (const auto& s : suppressions) {
                                    bool id_match = std::any_of(s.ids.begin(), s.ids.end(), [&](const std::string& id) {
                                      return id == f.rule || id == "all";
                                    });
                                    if (!id_match) continue;
                                    if (s.file_wide) return true;
                                    if (f.where.line >= s.first_line && f.where.line <= s.last_line) return true;
                                    // Through a call: a comment at the body's sign-in covers its calls.
                                    for (const auto& r : f.related)
                                      if (r.rule.empty() && r.where.file == f.where.file && r.where.line >= s.first_line &&
                                          r.where.line <= s.last_line)
                                        return true;
                                  }
                                  return false;
                                }),
                 findings.end());
}

}  // namespace tcg::shell
