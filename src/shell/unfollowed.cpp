// unfollowed_taskcluster_words: a count per line of the `taskcluster` words in the raw text
// against those the syntax tree accounts for. Cheap when the file names no `taskcluster`.
#include <algorithm>
#include <cstring>
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

struct RawLine {
  int line = 0;
  size_t start = 0;  // offset of the line in `text`
  bool names_signin = false;
  bool in_heredoc = false;  // plain text of a here-document: not judged
  std::vector<Pos> places;
  int literal = 0, calls = 0, comments = 0;
};

RawLine* raw_line(std::vector<RawLine>& raw, int ln) {
  auto it = std::lower_bound(raw.begin(), raw.end(), ln, [](const RawLine& r, int l) { return r.line < l; });
  return it != raw.end() && it->line == ln ? &*it : nullptr;
}

// A word's literal parts, and the arguments of its parameter expansions, count at the line each
// part starts on.
void count_word(const Word& w, std::vector<RawLine>& raw) {
  for (const auto& p : w.parts) {
    if (p.kind == PartKind::Literal && !p.text.empty()) {
      int n = count_in(p.text, false);
      if (n > 0)
        if (RawLine* r = raw_line(raw, p.pos.line)) r->literal += n;
    }
    for (const auto& arg : p.arg) count_word(arg, raw);
  }
}

}  // namespace

std::vector<Pos> unfollowed_taskcluster_words(const Analysis& a, bool stopped_short) {
  std::vector<Pos> out;
  if (a.scripts.empty()) return out;
  const Script& file = *a.scripts.front();
  std::string_view text = file.source;
  if (text.find(kTc) == std::string_view::npos) return out;

  // The lines holding the word in the raw text (not as part of a longer name), in order.
  std::vector<RawLine> raw;
  int line = 1;
  size_t line_start = 0;
  size_t scanned = 0;
  for (size_t at = text.find(kTc); at != std::string_view::npos; at = text.find(kTc, at + 1)) {
    // Newlines up to `at`, found with memchr rather than byte by byte.
    while (scanned < at) {
      const void* nl = std::memchr(text.data() + scanned, '\n', at - scanned);
      if (!nl) {
        scanned = at;
        break;
      }
      size_t k = static_cast<size_t>(static_cast<const char*>(nl) - text.data());
      ++line;
      line_start = k + 1;
      scanned = k + 1;
    }
    bool starts = at == 0 || !word_char(text[at - 1]);
    bool ends = at + kTc.size() >= text.size() || !word_char(text[at + kTc.size()]);
    if (!starts || !ends) continue;
    if (raw.empty() || raw.back().line != line) {
      raw.emplace_back();
      raw.back().line = line;
      raw.back().start = line_start;
    }
    raw.back().places.push_back(Pos{line, static_cast<int>(at - line_start) + 1});
    size_t eol = text.find('\n', at);
    raw.back().names_signin = text.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at)
                                  .find("signin") != std::string_view::npos;
  }
  if (raw.empty()) return out;
  std::set<std::pair<int, int>> call_places;
  for (const auto* list : {&a.signins, &a.not_signins})
    for (const auto& s : *list)
      if (s.where.file == a.file && call_places.insert({s.where.line, s.where.column}).second)
        if (RawLine* r = raw_line(raw, s.where.line)) ++r->calls;
  for (const auto& c : file.comments) {
    int n = count_in(c.text, true);
    if (n > 0)
      if (RawLine* r = raw_line(raw, c.pos.line)) r->comments += n;
  }
  for (RawLine& r : raw)
    for (const auto& h : file.heredocs) {
      if (r.line < h.first_line || r.line > h.last_line) continue;
      // An unquoted here-document runs what it substitutes: only plain text is accounted for.
      std::string_view body_line = text.substr(r.start, text.find('\n', r.start) - r.start);
      r.in_heredoc = !h.expands || (body_line.find("$(") == std::string_view::npos &&
                                    body_line.find('`') == std::string_view::npos);
    }
  // A line whose calls and comments account for every occurrence needs no literal count
  // (max(literal, calls) + comments is at least calls + comments): when every line is such,
  // the walk over the tree is not needed.
  bool need_literal = std::any_of(raw.begin(), raw.end(), [](const RawLine& r) {
    return !r.in_heredoc && static_cast<size_t>(r.calls + r.comments) < r.places.size();
  });
  if (need_literal)
    for_each_command(file.root, [&](const Command& c) { for_each_own_word(c, [&](const Word& w) { count_word(w, raw); }); });

  for (const RawLine& r : raw) {
    if (r.in_heredoc) continue;
    int lit = r.literal;
    // Stopped short: a string naming a sign-in may be an eval never followed.
    if (stopped_short && r.names_signin) lit = 0;
    int accounted = std::max(lit, r.calls) + r.comments;
    for (size_t k = static_cast<size_t>(std::max(accounted, 0)); k < r.places.size(); ++k) out.push_back(r.places[k]);
  }
  return out;
}

}  // namespace tcg::shell
