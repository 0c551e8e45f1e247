// unfollowed_taskcluster_words: a count per line of the `taskcluster` words in the raw text
// against those the syntax tree accounts for. Cheap when the file names no `taskcluster`.
#include <algorithm>
#include <map>
#include <set>

#include "shell/analysis.h"
#include "shell/walk.h"

namespace tcg::shell {
namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

constexpr std::string_view kTc = "taskcluster";

// Occurrences of the word in `text` before its first newline (all of it when `whole`).
int count_in(std::string_view text, bool whole) {
  if (!whole) text = text.substr(0, text.find('\n'));
  int n = 0;
  for (size_t at = text.find(kTc); at != std::string_view::npos; at = text.find(kTc, at + 1)) ++n;
  return n;
}

void count_word(const Word& w, std::map<int, int>& literal) {
  for (const auto& p : w.parts) {
    if (p.kind == PartKind::Literal && !p.text.empty()) {
      int n = count_in(p.text, false);
      if (n > 0) literal[p.pos.line] += n;
    }
    for (const auto& a : p.arg) count_word(a, literal);
  }
}

}  // namespace

std::vector<Pos> unfollowed_taskcluster_words(const Analysis& a, bool stopped_short) {
  std::vector<Pos> out;
  if (a.scripts.empty()) return out;
  const Script& file = *a.scripts.front();
  std::string_view text = file.source;
  if (text.find(kTc) == std::string_view::npos) return out;

  // Per line: the occurrences in the raw text (as words: not part of a longer name).
  std::map<int, std::vector<Pos>> raw;
  std::map<int, bool> names_signin;
  int line = 1;
  size_t line_start = 0;
  size_t scanned = 0;
  for (size_t at = text.find(kTc); at != std::string_view::npos; at = text.find(kTc, at + 1)) {
    for (; scanned < at; ++scanned)
      if (text[scanned] == '\n') {
        ++line;
        line_start = scanned + 1;
      }
    bool starts = at == 0 || !word_char(text[at - 1]);
    bool ends = at + kTc.size() >= text.size() || !word_char(text[at + kTc.size()]);
    if (!starts || !ends) continue;
    raw[line].push_back(Pos{line, static_cast<int>(at - line_start) + 1});
    size_t eol = text.find('\n', at);
    names_signin[line] = text.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at)
                             .find("signin") != std::string_view::npos;
  }
  if (raw.empty()) return out;

  std::map<int, int> literal, calls, comments;
  {
    for_each_command(file.root, [&](const Command& c) {
      for (const auto& as : c.assigns) {
        count_word(as.value, literal);
        for (const auto& e : as.elements) count_word(e, literal);
      }
      for (const auto& w : c.words) count_word(w, literal);
      for (const auto& r : c.redirects) count_word(r.target, literal);
      count_word(c.word, literal);
      for (const auto& w : c.loop_words) count_word(w, literal);
      for (const auto& item : c.items)
        for (const auto& p : item.patterns) count_word(p, literal);
    });
  }
  std::set<std::pair<int, int>> call_places;
  for (const auto* list : {&a.signins, &a.not_signins})
    for (const auto& s : *list)
      if (s.where.file == a.file && call_places.insert({s.where.line, s.where.column}).second) ++calls[s.where.line];
  for (const auto& c : file.comments) {
    int n = count_in(c.text, true);
    if (n > 0) comments[c.pos.line] += n;
  }
  for (const auto& [ln, places] : raw) {
    bool in_heredoc = false;
    for (const auto& h : file.heredocs) {
      if (ln < h.first_line || ln > h.last_line) continue;
      // An unquoted here-document runs what it substitutes: only plain text is accounted for.
      size_t b = 0;
      for (int k = 1; k < ln && b != std::string_view::npos; ++k) {
        b = text.find('\n', b);
        if (b != std::string_view::npos) ++b;
      }
      std::string_view body_line = b == std::string_view::npos ? "" : text.substr(b, text.find('\n', b) - b);
      in_heredoc = !h.expands || (body_line.find("$(") == std::string_view::npos &&
                                  body_line.find('`') == std::string_view::npos);
    }
    if (in_heredoc) continue;
    int lit = literal.count(ln) ? literal[ln] : 0;
    int judged = calls.count(ln) ? calls[ln] : 0;
    // Stopped short: a string naming a sign-in may be an eval never followed.
    if (stopped_short && names_signin[ln]) lit = 0;
    int accounted = std::max(lit, judged) + (comments.count(ln) ? comments[ln] : 0);
    for (size_t k = static_cast<size_t>(std::max(accounted, 0)); k < places.size(); ++k) out.push_back(places[k]);
  }
  return out;
}

}  // namespace tcg::shell
