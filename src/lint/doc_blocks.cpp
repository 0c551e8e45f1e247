#include "lint/doc_blocks.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "lint/doc_common.h"

namespace tcg::lint {

namespace doc {

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(Line{at, line});
    at = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return lines;
}

size_t indent_of(std::string_view line) {
  size_t n = 0;
  for (char c : line) {
    if (c == ' ') ++n;
    else if (c == '\t') n += 4;
    else break;
  }
  return n;
}

bool blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

BlockClass class_of_language(std::string_view info) {
  // The first word; `{.bash}` (pandoc), `bash title="x"`, `bash{1,3}` and `sh:title` all name bash.
  while (!info.empty() && (info.front() == ' ' || info.front() == '{' || info.front() == '.')) info.remove_prefix(1);
  std::string lang;
  for (char c : info) {
    if (c == ' ' || c == '\t' || c == '{' || c == '}' || c == ',' || c == ':' || c == '=') break;
    lang += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (lang.empty()) return BlockClass::Unknown;
  for (std::string_view s : {"sh", "bash", "shell", "zsh", "ksh", "posix", "shellscript"})
    if (lang == s) return BlockClass::Shell;
  for (std::string_view s : {"console", "shell-session", "sh-session", "shellsession", "bash-session", "terminal",
                             "session", "zsh-session"})
    if (lang == s) return BlockClass::Console;
  if (lang == "text" || lang == "none" || lang == "plain" || lang == "plaintext" || lang == "txt")
    return BlockClass::Unknown;
  return BlockClass::Other;
}

namespace {

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// `$ `, `% ` or `# ` (or the prompt alone) at the start of a line, after indentation: the length
// to cut, 0 when none. `# ` counts only where `root` (console blocks, or blocks whose other lines
// carry prompts).
size_t prompt_length(std::string_view line, bool root) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size()) return 0;
  char c = line[i];
  if (c != '$' && c != '%' && !(root && c == '#')) return 0;
  if (i + 1 == line.size()) return i + 1;
  if (line[i + 1] != ' ') return 0;
  // `#!/bin/bash` and `# tcguard:` are not prompts.
  if (c == '#' && line.substr(i, 10) == "# tcguard:") return 0;
  return i + 2;
}

// Commands whose appearance as a block's first word marks the block as shell when its info string
// does not say (an untagged block of JSON, YAML, Python or program output starts otherwise).
bool is_command_word(std::string_view w) {
  static constexpr std::array<std::string_view, 52> kCommands = {
      "taskcluster", "eval", "export", "alias", "unalias", "unset", "source", ".", "function", "if", "for",
      "while", "case", "cd", "echo", "printf", "curl", "wget", "git", "sudo", "apt", "apt-get", "brew",
      "pip", "pip3", "npm", "npx", "yarn", "docker", "make", "mkdir", "cat", "ls", "cp", "mv", "rm",
      "chmod", "ln", "env", "bash", "sh", "zsh", "jq", "read", "local", "declare", "typeset", "setopt",
      "xargs", "tar", "ssh", "mach"};
  for (auto c : kCommands)
    if (w == c) return true;
  return w.substr(0, 3) == "tc-" || w.substr(0, 3) == "tc_" || w.substr(0, 2) == "./";
}

// `NAME=...` (any name the seed's alias listing uses: `tc-relduty=...`) or `NAME()`.
bool starts_with_definition(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (is_name_char(s[i]) && !(s[i] >= '0' && s[i] <= '9'))) {
    while (i < s.size() && (is_name_char(s[i]) || s[i] == '-')) ++i;
    if (i < s.size() && s[i] == '=') return true;
    if (s.substr(i, 2) == "()") return true;
  }
  return false;
}

std::string_view first_word(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s.substr(0, s.find_first_of(" \t;(|&"));
}

}  // namespace

// Does a line read as a shell command (for untagged blocks and plain-text docs)?
bool line_is_command(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return is_command_word(first_word(s)) || starts_with_definition(s);
}

namespace {

// An untagged block is shell when a line carries a prompt, or its first line that is not a
// comment starts with a command or a definition.
bool looks_like_shell(const std::vector<Line>& lines) {
  for (const auto& l : lines)
    if (prompt_length(l.text, false) > 0) return true;
  for (const auto& l : lines) {
    std::string_view t = l.text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty() || t.front() == '#') continue;
    return line_is_command(t);
  }
  return false;
}

// Incremental open-state of shell text, fed one line at a time (quotes, `$(`/`(`, backticks,
// heredocs, trailing continuations). Approximate on purpose: it only decides where a copied
// command ends and whether a block is complete.
class OpenState {
 public:
  void feed(std::string_view line) {
    if (!heredocs_.empty()) {
      std::string_view l = line;
      if (heredocs_.front().second)
        while (!l.empty() && l.front() == '\t') l.remove_prefix(1);
      if (l == heredocs_.front().first) heredocs_.erase(heredocs_.begin());
      continue_ = false;
      return;
    }
    continue_ = false;
    char last = 0, before_last = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      char top = stack_.empty() ? 0 : stack_.back();
      if (top == '\'') {
        if (c == '\'') stack_.pop_back();
        continue;
      }
      if (c == '\\') {
        if (i + 1 == line.size()) continue_ = true;
        ++i;
        continue;
      }
      if (top == '"') {
        if (c == '"') stack_.pop_back();
        else if (c == '`') stack_.push_back('`');
        else if (c == '$' && i + 1 < line.size() && line[i + 1] == '(') stack_.push_back('('), ++i;
        continue;
      }
      if (top == '`' && c == '`') {
        stack_.pop_back();
        continue;
      }
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t' || line[i - 1] == ';')) break;
      if (stack_.size() > 256) return;  // hostile nesting: give up counting, stay open
      if (c == '\'' || c == '"' || c == '`') stack_.push_back(c);
      else if (c == '$' && i + 1 < line.size() && line[i + 1] == '\'') stack_.push_back('\''), ++i;
      else if (c == '(') stack_.push_back('(');
      else if (c == ')' && top == '(') stack_.pop_back();
      else if (c == '<' && line.substr(i, 2) == "<<" && line.substr(i, 3) != "<<<") {
        size_t j = i + 2;
        bool dash = j < line.size() && line[j] == '-';
        if (dash) ++j;
        while (j < line.size() && line[j] == ' ') ++j;
        std::string word;
        for (; j < line.size() && line[j] != ' ' && line[j] != ';' && line[j] != '|' && line[j] != '&' &&
               line[j] != ')' && line[j] != '<' && line[j] != '>';
             ++j)
          if (line[j] != '\'' && line[j] != '"' && line[j] != '\\') word += line[j];
        if (!word.empty()) heredocs_.emplace_back(word, dash);
        i = j - 1;
        continue;
      }
      if (c != ' ' && c != '\t') before_last = last, last = c;
    }
    if (stack_.empty() && (last == '|' || (last == '&' && before_last == '&'))) continue_ = true;
  }
  bool open() const { return !stack_.empty() || continue_ || !heredocs_.empty(); }

 private:
  std::vector<char> stack_;
  std::vector<std::pair<std::string, bool>> heredocs_;  // word, <<- (tabs stripped)
  bool continue_ = false;
};

DocPiece piece_of(const Line& l, size_t cut) {
  cut = std::min(cut, l.text.size());
  return DocPiece{l.offset + cut, l.text.substr(cut), false};
}

}  // namespace

void add_block(const std::vector<Line>& lines, BlockClass cls, std::vector<DocPiece>& out) {
  if (cls == BlockClass::Other) return;
  if (cls == BlockClass::Unknown && !looks_like_shell(lines)) return;
  bool prompts = cls == BlockClass::Console;
  for (const auto& l : lines)
    if (prompt_length(l.text, false) > 0) prompts = true;
  std::vector<DocPiece> kept;
  OpenState state;
  if (!prompts) {
    for (const auto& l : lines) {
      state.feed(l.text);
      kept.push_back(piece_of(l, 0));
    }
    if (state.open()) return;  // left open: it would swallow the blocks after it
  } else {
    // A reader copies the prompt lines and what continues them, not the output.
    std::vector<DocPiece> command;
    OpenState cmd;
    bool in_command = false;
    for (const auto& l : lines) {
      if (in_command && cmd.open()) {
        cmd.feed(l.text);
        command.push_back(piece_of(l, 0));
        continue;
      }
      if (in_command) {
        kept.insert(kept.end(), command.begin(), command.end());
        command.clear();
        in_command = false;
      }
      size_t p = prompt_length(l.text, true);
      if (p == 0) continue;  // output
      cmd = OpenState{};
      cmd.feed(l.text.substr(p));
      command.push_back(piece_of(l, p));
      in_command = true;
    }
    if (in_command && !cmd.open()) kept.insert(kept.end(), command.begin(), command.end());
  }
  out.insert(out.end(), kept.begin(), kept.end());
}

namespace {

// The names a doc's blocks define as aliases or functions (`alias tc-x=`, `tc-x=` listing lines,
// `name()`, `function name`): an inline span that calls one is a command the reader runs.
std::set<std::string, std::less<>> helper_names(const std::vector<DocPiece>& pieces) {
  std::set<std::string, std::less<>> names;
  for (const auto& p : pieces) {
    if (p.inline_span) continue;
    std::string_view t = p.text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.substr(0, 6) == "alias ") t.remove_prefix(6);
    else if (t.substr(0, 9) == "function ") t.remove_prefix(9);
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    size_t n = 0;
    while (n < t.size() && (is_name_char(t[n]) || t[n] == '-' || t[n] == '.')) ++n;
    if (n == 0) continue;
    std::string_view rest = t.substr(n);
    if (rest.substr(0, 1) == "=" || rest.substr(0, 2) == "()" || rest.substr(0, 2) == " {" ||
        rest.substr(0, 3) == " ()")
      names.emplace(t.substr(0, n));
  }
  return names;
}

bool has_word(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool start = at == 0 || !(is_name_char(text[at - 1]) || text[at - 1] == '-');
    size_t end = at + word.size();
    bool stop = end == text.size() || !(is_name_char(text[end]) || text[end] == '-');
    if (start && stop) return true;
  }
  return false;
}

// An inline span is run by a reader when it is a `taskcluster` command with arguments or inside
// `eval`/`$(..)`, or calls a helper the doc defines. Left out: fragments (`--scopes`, `$VAR`), a
// bare `taskcluster signin` naming the command in a sentence, asking for help (`--help`, `-h`),
// and spans left open.
bool span_is_command(std::string_view span, const std::set<std::string, std::less<>>& helpers) {
  std::string_view w = first_word(span);
  const bool names_helper = helpers.count(w) > 0;
  // Most inline code names neither (`--expires`, `~/.bashrc`): no command, whatever follows.
  if (!names_helper && !has_word(span, "taskcluster")) return false;
  if (has_word(span, "--help") || has_word(span, "-h") || has_word(span, "help")) return false;
  if (shell_left_open(span)) return false;
  if (names_helper) return true;
  if (has_word(span, "eval") || span.find("$(") != std::string_view::npos) return true;
  // `taskcluster signin` alone names the command; with arguments it is one.
  std::string_view t = span;
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  size_t words = 0;
  for (size_t i = 0; i < t.size();) {
    while (i < t.size() && t[i] == ' ') ++i;
    if (i < t.size()) ++words;
    while (i < t.size() && t[i] != ' ') ++i;
  }
  return words >= 3;
}

}  // namespace

void add_inline_spans(const Line& line, bool rst, std::vector<DocPiece>& out) {
  std::string_view t = line.text;
  for (size_t i = 0; i < t.size();) {
    if (t[i] != '`') {
      // A backslash escapes a backtick in Markdown prose.
      i += t[i] == '\\' && !rst ? 2 : 1;
      continue;
    }
    size_t run = 0;
    while (i + run < t.size() && t[i + run] == '`') ++run;
    if (rst && run != 2) {
      i += run;
      continue;
    }
    size_t open_end = i + run;
    size_t close = std::string_view::npos;
    for (size_t j = open_end; j < t.size();) {
      if (t[j] != '`') {
        ++j;
        continue;
      }
      size_t r = 0;
      while (j + r < t.size() && t[j + r] == '`') ++r;
      if (r == run) {
        close = j;
        break;
      }
      j += r;
    }
    if (close == std::string_view::npos) {
      i = open_end;
      continue;
    }
    std::string_view span = t.substr(open_end, close - open_end);
    size_t start = open_end;
    if (span.size() >= 2 && span.front() == ' ' && span.back() == ' ') {
      span = span.substr(1, span.size() - 2);
      ++start;
    }
    size_t p = prompt_length(span, false);
    span.remove_prefix(p);
    start += p;
    if (!span.empty()) out.push_back(DocPiece{line.offset + start, span, true});
    i = close + run;
  }
}

}  // namespace doc

using doc::BlockClass;
using doc::Line;

bool shell_left_open(std::string_view text) {
  doc::OpenState s;
  for (const auto& l : doc::split_lines(text)) s.feed(l.text);
  return s.open();
}

DocKind doc_kind_of_name(std::string_view name) {
  auto ends = [&](std::string_view e) {
    if (name.size() < e.size()) return false;
    for (size_t i = 0; i < e.size(); ++i) {
      char c = name[name.size() - e.size() + i];
      if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != e[i]) return false;
    }
    return true;
  };
  if (ends(".md") || ends(".markdown")) return DocKind::Markdown;
  if (ends(".mdx")) return DocKind::Mdx;
  if (ends(".rst")) return DocKind::Rst;
  if (ends(".txt")) return DocKind::PlainText;
  if (name == ".envrc") return DocKind::Shell;
  if (name == ".env" || ends(".env") || name.substr(0, 5) == ".env.") return DocKind::Dotenv;
  return DocKind::Shell;
}

namespace {

bool is_dotenv_line(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  if (t.substr(0, 7) == "export ") {
    t.remove_prefix(7);
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  }
  size_t n = 0;
  while (n < t.size() && (doc::is_name_char(t[n]) || t[n] == '.')) ++n;
  return n > 0 && !(t[0] >= '0' && t[0] <= '9') && n < t.size() && t[n] == '=';
}

std::vector<DocPiece> dotenv_pieces(std::string_view text) {
  std::vector<DocPiece> out;
  for (const auto& l : doc::split_lines(text)) {
    // A value left open (`KEY='abc`) is not kept: the next lines are not its continuation.
    if (is_dotenv_line(l.text) && !shell_left_open(l.text)) out.push_back(DocPiece{l.offset, l.text, false});
  }
  return out;
}

// A plain-text doc (the seed document is one): lines that read as commands, with a `$ `/`% `
// prompt or without, and the lines that continue them; prose lines are left out.
std::vector<DocPiece> text_pieces(std::string_view text) {
  std::vector<DocPiece> out;
  auto lines = doc::split_lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = lines[i].text;
    size_t cut = doc::prompt_length(t, false);
    bool tcguard_comment = t.find("# tcguard:") != std::string_view::npos && doc::blank(t.substr(0, t.find('#')));
    if (cut == 0 && !tcguard_comment && !doc::line_is_command(t)) continue;
    // One command: this line and those that continue it, up to a blank line.
    std::vector<Line> group{Line{lines[i].offset + cut, t.substr(cut)}};
    doc::OpenState s;
    s.feed(group.back().text);
    while (s.open() && i + 1 < lines.size() && !doc::blank(lines[i + 1].text)) {
      ++i;
      group.push_back(lines[i]);
      s.feed(lines[i].text);
    }
    if (s.open()) continue;
    for (const auto& g : group) out.push_back(DocPiece{g.offset, g.text, false});
  }
  return out;
}

}  // namespace

bool looks_like_dotenv(std::string_view text) {
  bool any = false;
  for (const auto& l : doc::split_lines(text.substr(0, 64 * 1024))) {
    std::string_view t = l.text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty() || t.front() == '#') continue;
    if (!is_dotenv_line(t)) return false;
    any = true;
  }
  return any;
}

std::vector<DocPiece> doc_pieces(std::string_view text, DocKind kind) {
  std::vector<DocPiece> pieces;
  switch (kind) {
    case DocKind::Shell: return {DocPiece{0, text, false}};
    case DocKind::Dotenv: return dotenv_pieces(text);
    case DocKind::PlainText: return text_pieces(text);
    case DocKind::Markdown: pieces = doc::markdown_pieces(text, false); break;
    case DocKind::Mdx: pieces = doc::markdown_pieces(text, true); break;
    case DocKind::Rst: pieces = doc::rst_pieces(text); break;
  }
  auto helpers = doc::helper_names(pieces);
  std::erase_if(pieces, [&](const DocPiece& p) { return p.inline_span && !doc::span_is_command(p.text, helpers); });
  return pieces;
}

std::string shell_view(std::string_view text, DocKind kind) {
  if (kind == DocKind::Shell) return std::string(text);
  std::string view(text.size(), ' ');
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') view[i] = '\n';
  for (const auto& p : doc_pieces(text, kind)) {
    view.replace(p.offset, p.text.size(), p.text);
    // The closing backtick's place ends the span's command (prose around it is blank).
    if (p.inline_span && p.offset + p.text.size() < view.size() && view[p.offset + p.text.size()] != '\n')
      view[p.offset + p.text.size()] = ';';
  }
  return view;
}

}  // namespace tcg::lint
