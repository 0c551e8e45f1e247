// reStructuredText: `.. code-block::`/`.. code::`/`.. sourcecode::` directives (their options,
// then the indented content), `::` literal blocks (after "Paragraph::" or a lone `::`), and
// ``inline literals``.
#include <string>

#include "lint/doc_common.h"

namespace tcg::lint::doc {

namespace {

// `.. code-block:: bash` and friends: true, with the language (may be empty).
bool code_directive(std::string_view t, std::string_view& lang) {
  t.remove_prefix(std::min(t.size(), t.find_first_not_of(' ')));
  if (t.substr(0, 3) != ".. ") return false;
  t.remove_prefix(3);
  for (std::string_view d : {"code-block::", "code::", "sourcecode::"}) {
    if (t.substr(0, d.size()) == d) {
      lang = t.substr(d.size());
      return true;
    }
  }
  return false;
}

// The indented body that follows line `i` (options `:name:` first for a directive): its lines,
// without the common indentation; `next` is the first line after it.
std::vector<Line> indented_body(const std::vector<Line>& lines, size_t i, bool options, size_t& next) {
  size_t base = indent_of(lines[i].text);
  size_t j = i + 1;
  if (options)
    while (j < lines.size() && !blank(lines[j].text) && indent_of(lines[j].text) > base &&
           lines[j].text.substr(lines[j].text.find_first_not_of(" \t"), 1) == ":")  // a byte index, not indent_of's width
      ++j;
  size_t start = j;
  size_t end = j;
  size_t common = std::string::npos;
  for (; j < lines.size(); ++j) {
    if (blank(lines[j].text)) continue;
    if (indent_of(lines[j].text) <= base) break;
    common = std::min(common, indent_of(lines[j].text));
    end = j + 1;
  }
  next = end;
  std::vector<Line> body;
  if (common == std::string::npos) return body;
  for (size_t k = start; k < end; ++k) {
    const Line& l = lines[k];
    size_t cut = 0;
    while (cut < l.text.size() && cut < common && l.text[cut] == ' ') ++cut;
    body.push_back(Line{l.offset + cut, l.text.substr(cut)});
  }
  while (!body.empty() && blank(body.front().text)) body.erase(body.begin());
  return body;
}

}  // namespace

std::vector<DocPiece> rst_pieces(std::string_view text) {
  std::vector<DocPiece> out;
  auto lines = split_lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = lines[i].text;
    std::string_view lang;
    size_t next = i + 1;
    if (code_directive(t, lang)) {
      auto body = indented_body(lines, i, true, next);
      add_block(body, class_of_language(lang), out);
      i = next - 1;
      continue;
    }
    std::string_view trimmed = t;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    bool directive = trimmed.substr(trimmed.find_first_not_of(' ') == std::string_view::npos ? 0 : trimmed.find_first_not_of(' '), 3) == ".. ";
    if (!directive) add_inline_spans(lines[i], true, out);
    if (!directive && trimmed.size() >= 2 && trimmed.substr(trimmed.size() - 2) == "::") {
      auto body = indented_body(lines, i, false, next);
      add_block(body, BlockClass::Unknown, out);
      i = next - 1;
    }
  }
  return out;
}

}  // namespace tcg::lint::doc
