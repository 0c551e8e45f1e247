// Markdown and MDX: fenced blocks (``` and ~~~, any length, any indentation, closed by the same
// character at least as long), indented blocks (4 spaces after a blank line), inline code spans.
// MDX's import/export and JSX lines are neither prose with spans nor code.
#include <string>

#include "lint/doc_common.h"

namespace tcg::lint::doc {

namespace {

struct Fence {
  char ch = 0;
  size_t length = 0;
  size_t indent = 0;
  std::string_view info;
};

// A fence line: indentation, then 3+ backticks or tildes; a backtick fence's info has no backtick.
bool parse_fence(std::string_view line, Fence& f) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
  char ch = line[i];
  size_t n = 0;
  while (i + n < line.size() && line[i + n] == ch) ++n;
  if (n < 3) return false;
  std::string_view info = line.substr(i + n);
  if (ch == '`' && info.find('`') != std::string_view::npos) return false;
  f = Fence{ch, n, i, info};
  return true;
}

bool closes_fence(std::string_view line, const Fence& open) {
  Fence f;
  return parse_fence(line, f) && f.ch == open.ch && f.length >= open.length && blank(f.info);
}

Line without_indent(const Line& l, size_t indent) {
  size_t cut = 0;
  while (cut < l.text.size() && cut < indent && l.text[cut] == ' ') ++cut;
  if (cut < indent && cut < l.text.size() && l.text[cut] == '\t') ++cut;  // a tab for the rest
  return Line{l.offset + cut, l.text.substr(cut)};
}

bool is_list_item(std::string_view t) {
  t = t.substr(std::min(t.find_first_not_of(" \t"), t.size()));
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') return true;
  size_t d = 0;
  while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
  return d > 0 && d + 1 < t.size() && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ';
}

bool mdx_non_prose(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return t.substr(0, 7) == "import " || t.substr(0, 7) == "export " || (!t.empty() && (t.front() == '<' || t.front() == '{'));
}

}  // namespace

std::vector<DocPiece> markdown_pieces(std::string_view text, bool mdx) {
  std::vector<DocPiece> out;
  auto lines = split_lines(text);
  bool after_blank = true;  // an indented block starts after a blank line (or at the top)
  bool in_list = false;     // indented text in a list item continues the item, not code
  bool in_html_comment = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (in_html_comment) {
      if (l.text.find("-->") != std::string_view::npos) in_html_comment = false;
      continue;
    }
    Fence f;
    if (parse_fence(l.text, f)) {
      std::vector<Line> body;
      size_t j = i + 1;
      for (; j < lines.size() && !closes_fence(lines[j].text, f); ++j) body.push_back(without_indent(lines[j], f.indent));
      add_block(body, class_of_language(f.info), out);
      i = j;  // the closing fence (or the end: an unclosed fence runs to the end of the doc)
      after_blank = false;
      continue;
    }
    if (blank(l.text)) {
      after_blank = true;
      continue;
    }
    if (after_blank && indent_of(l.text) >= 4 && !in_list) {
      std::vector<Line> body;
      size_t j = i;
      for (; j < lines.size() && (blank(lines[j].text) || indent_of(lines[j].text) >= 4); ++j)
        body.push_back(without_indent(lines[j], 4));
      while (!body.empty() && blank(body.back().text)) body.pop_back();
      add_block(body, BlockClass::Unknown, out);
      i = j - 1;
      after_blank = false;
      continue;
    }
    after_blank = false;
    if (is_list_item(l.text)) in_list = true;
    else if (indent_of(l.text) == 0) in_list = false;
    if (l.text.find("<!--") != std::string_view::npos && l.text.find("-->") == std::string_view::npos) {
      in_html_comment = true;
      continue;
    }
    if (mdx && mdx_non_prose(l.text)) continue;
    add_inline_spans(l, false, out);
  }
  return out;
}

}  // namespace tcg::lint::doc
