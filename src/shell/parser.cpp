#include "shell/parser.h"

#include <cstdint>
#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace tcg::shell {

bool Word::is_literal() const {
  for (const auto& p : parts)
    if (p.kind != PartKind::Literal) return false;
  return true;
}

std::string Word::literal() const {
  std::string out;
  for (const auto& p : parts)
    if (p.kind == PartKind::Literal) out += p.text;
  return out;
}

bool Word::literal_equals(std::string_view s) const {
  size_t at = 0;
  for (const auto& p : parts) {
    if (p.kind != PartKind::Literal || s.substr(at, p.text.size()) != p.text) return false;
    at += p.text.size();
  }
  return at == s.size();
}

bool Word::is_bare(std::string_view s) const {
  return parts.size() == 1 && parts[0].kind == PartKind::Literal && !parts[0].quoted && parts[0].text == s;
}

namespace {

// Where a list of commands stops (bit set).
enum Term : unsigned {
  kTermEof = 0,
  kTermParen = 1u << 0,   // )
  kTermBrace = 1u << 1,   // }
  kTermThen = 1u << 2,
  kTermElse = 1u << 3,    // elif else fi
  kTermDo = 1u << 4,
  kTermDone = 1u << 5,
  kTermEsac = 1u << 6,    // esac ;; ;& ;;&
  kTermBacktick = 1u << 7,
};

// Character classes, one table lookup each: the parser asks them of nearly every byte.
enum : uint8_t {
  kClassBlank = 1u << 0,    // space, tab, carriage return
  kClassMeta = 1u << 1,     // ends an unquoted word: blanks, newline, ; & | < > ( )
  kClassInWord = 1u << 2,   // ends a run of plain characters inside a word: \ $ ` ' "
  kClassExtglob = 1u << 3,  // may open an extglob pattern before `(`: @ ! + ? *
};
constexpr std::array<uint8_t, 256> kCharClass = [] {
  std::array<uint8_t, 256> t{};
  for (unsigned char c : std::string_view(" \t\r")) t[c] |= kClassBlank;
  for (unsigned char c : std::string_view(" \t\r\n;&|<>()")) t[c] |= kClassMeta;
  for (unsigned char c : std::string_view("\\$`'\"")) t[c] |= kClassInWord;
  for (unsigned char c : std::string_view("@!+?*")) t[c] |= kClassExtglob;
  return t;
}();
inline uint8_t char_class(char c) { return kCharClass[static_cast<unsigned char>(c)]; }
inline bool is_blank(char c) { return char_class(c) & kClassBlank; }
inline bool is_meta(char c) { return char_class(c) & kClassMeta; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Lists under construction, shared by every parser of one tree: a list's elements are pushed as
// they are parsed and copied into the arena when the list ends, so building a list allocates
// nothing once these have grown. Nested lists push above and take their elements back off
// before the enclosing list goes on.
struct Scratch {
  std::vector<WordPart> parts;
  std::vector<Word> words;
  std::vector<Command> commands;
  std::vector<Assignment> assigns;
  std::vector<Redirect> redirects;
  std::vector<CaseItem> items;
};

struct PendingHeredoc {
  std::string delimiter;
  bool strip_tabs = false;
  bool expands = true;
};

class Parser {
 public:
  // `text` must live in the script's arena (parse_script copies it there).
  Parser(std::string_view text, const ParseOptions& options, Script& script, Scratch& scratch)
      : s_(text), opt_(options), script_(script), arena_(script.arena), scratch_(scratch), depth_(options.depth) {}

  Command parse_all() {
    Command root = parse_list(kTermEof);
    return root;
  }

 private:
  std::string_view s_;
  const ParseOptions& opt_;
  Script& script_;
  Arena& arena_;
  Scratch& scratch_;
  size_t i_ = 0;
  int line_ = 1;          // line within s_
  size_t line_start_ = 0;
  int depth_;
  std::vector<PendingHeredoc> heredocs_;
  mutable size_t bare_word_at_ = std::string_view::npos;
  mutable std::string_view bare_word_;

  // ---- positions -------------------------------------------------------------------------
  Pos pos_at(size_t index) const {
    Pos p;
    p.line = line_ + opt_.origin.line - 1;
    int col = static_cast<int>(index - line_start_) + 1;
    p.column = line_ == 1 ? col + opt_.origin.column - 1 : col;
    return p;
  }
  Pos here() const { return pos_at(i_); }
  int file_line() const { return line_ + opt_.origin.line - 1; }

  bool eof() const { return i_ >= s_.size(); }
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool starts(const char* lit) const {
    size_t n = std::strlen(lit);
    // i_ may stand past the end after an unterminated construct; that is no match, not a throw.
    return i_ <= s_.size() && s_.size() - i_ >= n && s_.compare(i_, n, lit) == 0;
  }

  // Consumes one character, keeping the line count (used inside words and quotes).
  void advance() {
    if (i_ < s_.size()) {
      if (s_[i_] == '\n') {
        ++line_;
        line_start_ = i_ + 1;
      }
      ++i_;
    }
  }

  // A newline token: also reads the bodies of here-documents started on the line just ended.
  void take_newline() {
    advance();
    if (heredocs_.empty()) return;
    auto pending = std::move(heredocs_);
    heredocs_.clear();
    for (const auto& h : pending) skip_heredoc_body(h);
  }

  void skip_heredoc_body(const PendingHeredoc& h) {
    Script::Heredoc body;
    body.first_line = file_line();
    body.expands = h.expands;
    struct Record {
      Parser& p;
      Script::Heredoc& b;
      ~Record() {
        b.last_line = p.file_line();
        if (p.opt_.keep_comments) p.script_.heredocs.push_back(b);
      }
    } record{*this, body};
    while (!eof()) {
      size_t start = i_;
      size_t nl = s_.find('\n', i_);
      size_t end = nl == std::string_view::npos ? s_.size() : nl;
      std::string_view ln = s_.substr(start, end - start);
      if (h.strip_tabs)
        while (!ln.empty() && ln.front() == '\t') ln.remove_prefix(1);
      if (!ln.empty() && ln.back() == '\r') ln.remove_suffix(1);
      i_ = end;
      if (nl != std::string_view::npos) advance();
      if (ln == h.delimiter) return;
    }
  }

  // ---- blanks and comments ----------------------------------------------------------------
  void skip_blanks() {
    // Most calls stand before a word already: answer those without entering the loop.
    if (eof()) return;
    char first = s_[i_];
    if (!is_blank(first) && first != '\\' && first != '#') return;
    while (!eof()) {
      char c = s_[i_];
      if (is_blank(c)) {
        ++i_;
      } else if (c == '\\' && peek(1) == '\n') {
        advance();
        advance();
      } else if (c == '#') {
        skip_comment();
      } else {
        break;
      }
    }
  }

  void skip_comment() {
    size_t start = i_;
    size_t nl = s_.find('\n', i_);
    size_t end = nl == std::string_view::npos ? s_.size() : nl;
    if (opt_.keep_comments) {
      Comment c;
      c.text = std::string(s_.substr(start + 1, end - start - 1));
      c.pos = pos_at(start);
      c.own_line = true;
      for (size_t k = line_start_; k < start; ++k)
        if (!is_blank(s_[k])) c.own_line = false;
      script_.comments.push_back(std::move(c));
    }
    i_ = end;
  }

  void skip_blanks_and_newlines() {
    for (;;) {
      skip_blanks();
      if (peek() == '\n') {
        take_newline();
      } else {
        break;
      }
    }
  }

  // ---- keywords ---------------------------------------------------------------------------
  // The unquoted word at the cursor, if it is followed by a delimiter ("" otherwise).
  // Asked several times at one place (list, pipeline and command each test for keywords): the
  // last answer is kept with the place it was for.
  std::string_view bare_word_ahead() const {
    if (bare_word_at_ == i_) return bare_word_;
    bare_word_ = scan_bare_word();
    bare_word_at_ = i_;
    return bare_word_;
  }
  std::string_view scan_bare_word() const {
    size_t k = i_;
    while (k < s_.size() && !is_meta(s_[k]) && s_[k] != '\'' && s_[k] != '"' && s_[k] != '\\' && s_[k] != '$' &&
           s_[k] != '`')
      ++k;
    if (k < s_.size() && !is_meta(s_[k])) return {};
    return s_.substr(i_, k - i_);
  }

  bool at_keyword(std::string_view kw) const { return bare_word_ahead() == kw; }

  bool at_terminator(unsigned term) const {
    if (eof()) return true;
    char c = peek();
    if ((term & kTermParen) && c == ')') return true;
    if ((term & kTermEsac) && c == ';' && peek(1) == ';') return true;
    if ((term & kTermEsac) && c == ';' && peek(1) == '&') return true;
    std::string_view w = bare_word_ahead();
    if (w.empty()) return false;
    if ((term & kTermBrace) && w == "}") return true;
    if ((term & kTermThen) && w == "then") return true;
    if ((term & kTermElse) && (w == "elif" || w == "else" || w == "fi")) return true;
    if ((term & kTermDo) && w == "do") return true;
    if ((term & kTermDone) && w == "done") return true;
    if ((term & kTermEsac) && w == "esac") return true;
    return false;
  }

  void skip_bare_word() {
    std::string_view w = bare_word_ahead();
    i_ += w.size();
  }

  // ---- lists ------------------------------------------------------------------------------
  Span<Command> one(const Command& c) { return arena_.copy(&c, 1); }

  Command parse_list(unsigned term) {
    Command seq;
    seq.kind = CommandKind::Seq;
    seq.pos = here();
    size_t first = scratch_.commands.size();
    for (;;) {
      skip_blanks_and_newlines();
      while (peek() == ';' && peek(1) != ';' && peek(1) != '&') {
        ++i_;
        skip_blanks_and_newlines();
      }
      if (at_terminator(term)) break;
      size_t before = i_;
      char c = peek();
      if (c == ')' || c == ';' || c == '&' || c == '|' || (c == '}' && is_meta(peek(1)))) {
        ++i_;  // stray operator: skip it
        continue;
      }
      std::string_view w = bare_word_ahead();
      if (w == "then" || w == "elif" || w == "else" || w == "fi" || w == "do" || w == "done" || w == "esac" ||
          w == "in" || w == "}") {
        skip_bare_word();  // stray keyword outside its construct
        continue;
      }
      Command cmd = parse_and_or();
      skip_blanks();
      if (peek() == '&' && peek(1) != '&' && peek(1) != '>') {
        ++i_;
        Command bg;
        bg.kind = CommandKind::Background;
        bg.pos = cmd.pos;
        bg.end_line = cmd.end_line;
        bg.children = one(cmd);
        cmd = bg;
      } else if (peek() == ';' && peek(1) != ';' && peek(1) != '&') {
        ++i_;
      }
      if (cmd.kind != CommandKind::Seq || !cmd.children.empty()) scratch_.commands.push_back(cmd);
      if (i_ == before) ++i_;  // always make progress
    }
    seq.children = arena_.take(scratch_.commands, first);
    seq.end_line = file_line();
    return seq;
  }

  Command parse_and_or() {
    Command head = parse_pipeline();
    skip_blanks();
    if (!starts("&&") && !starts("||")) return head;
    Command node;
    node.kind = CommandKind::AndOr;
    node.pos = head.pos;
    size_t first = scratch_.commands.size();
    scratch_.commands.push_back(head);
    std::string ops;
    for (;;) {
      skip_blanks();
      if (starts("&&")) {
        ops += '&';
      } else if (starts("||")) {
        ops += '|';
      } else {
        break;
      }
      i_ += 2;
      skip_blanks_and_newlines();
      Command next = parse_pipeline();
      scratch_.commands.push_back(next);
    }
    node.ops = arena_.copy(ops);
    node.children = arena_.take(scratch_.commands, first);
    node.end_line = node.children.back().end_line;
    return node;
  }

  Command parse_pipeline() {
    skip_blanks();
    bool negate = false;
    if (at_keyword("!")) {
      ++i_;
      negate = true;
      skip_blanks();
    }
    if (at_keyword("time")) {
      skip_bare_word();
      skip_blanks();
    }
    Command result = parse_command();
    skip_blanks();
    if (peek() == '|' && peek(1) != '|') {
      Command pipe;
      pipe.kind = CommandKind::Pipe;
      pipe.pos = result.pos;
      size_t first = scratch_.commands.size();
      scratch_.commands.push_back(result);
      while (peek() == '|' && peek(1) != '|') {
        ++i_;
        if (peek() == '&') ++i_;
        skip_blanks_and_newlines();
        Command next = parse_command();
        scratch_.commands.push_back(next);
        skip_blanks();
      }
      pipe.children = arena_.take(scratch_.commands, first);
      pipe.end_line = pipe.children.back().end_line;
      result = pipe;
    }
    if (negate) {
      Command n;
      n.kind = CommandKind::Not;
      n.pos = result.pos;
      n.end_line = result.end_line;
      n.children = one(result);
      return n;
    }
    return result;
  }

  // ---- commands ---------------------------------------------------------------------------
  Command parse_command() {
    skip_blanks();
    Pos start = here();
    if (depth_ >= kMaxParseDepth) return skip_opaque_line(start);
    ++depth_;
    Command cmd = [&] {
      std::string_view w = bare_word_ahead();
      if (w == "if") return parse_if();
      if (w == "case") return parse_case();
      if (w == "while" || w == "until") return parse_while();
      if (w == "for" || w == "select") return parse_for();
      if (w == "function") return parse_function_keyword();
      if (w == "{") return parse_group();
      if (peek() == '(' && peek(1) == '(') return parse_arith_command();
      if (peek() == '(') return parse_subshell();
      if (w == "[[") return parse_double_bracket();
      return parse_simple();
    }();
    --depth_;
    cmd.pos = start;
    if (cmd.kind != CommandKind::Simple) parse_redirects(cmd);
    cmd.end_line = file_line();
    if (opt_.keep_comments) script_.extents.push_back({start.line, cmd.end_line});
    return cmd;
  }

  Command skip_opaque_line(Pos start) {
    while (!eof() && peek() != '\n') advance();
    Command c;
    c.kind = CommandKind::Opaque;
    c.pos = start;
    c.end_line = file_line();
    return c;
  }

  void expect_keyword(std::string_view kw) {
    skip_blanks_and_newlines();
    if (at_keyword(kw)) skip_bare_word();
  }

  Command parse_if() {
    Command c;
    c.kind = CommandKind::If;
    skip_bare_word();  // if
    size_t first = scratch_.commands.size();
    for (;;) {
      Command cond = parse_list(kTermThen | kTermElse);
      scratch_.commands.push_back(cond);
      expect_keyword("then");
      Command body = parse_list(kTermElse);
      scratch_.commands.push_back(body);
      skip_blanks_and_newlines();
      if (at_keyword("elif")) {
        skip_bare_word();
        continue;
      }
      if (at_keyword("else")) {
        skip_bare_word();
        Command other = parse_list(kTermElse);
        scratch_.commands.push_back(other);
        c.has_else = true;
        skip_blanks_and_newlines();
      }
      if (at_keyword("fi")) skip_bare_word();
      break;
    }
    c.children = arena_.take(scratch_.commands, first);
    return c;
  }

  Command parse_while() {
    Command c;
    c.kind = CommandKind::Loop;
    skip_bare_word();
    Command parts[2];
    parts[0] = parse_list(kTermDo);
    parts[1] = parse_do_body();
    c.children = arena_.copy(parts, 2);
    return c;
  }

  Command parse_do_body() {
    skip_blanks_and_newlines();
    if (at_keyword("do")) {
      skip_bare_word();
      Command body = parse_list(kTermDone);
      expect_keyword("done");
      return body;
    }
    if (at_keyword("{")) return parse_group();
    return Command{};
  }

  Command parse_for() {
    Command c;
    c.kind = CommandKind::Loop;
    c.for_loop = true;
    skip_bare_word();  // for / select
    skip_blanks();
    if (peek() == '(' && peek(1) == '(') {
      skip_balanced_parens();
      c.for_loop = false;
    } else {
      std::string_view name = bare_word_ahead();
      c.name = name;
      i_ += name.size();
      skip_blanks_and_newlines();
      if (at_keyword("in")) {
        skip_bare_word();
        size_t first = scratch_.words.size();
        for (;;) {
          skip_blanks();
          char ch = peek();
          if (eof() || ch == ';' || ch == '\n' || ch == '&' || ch == '|' || ch == ')' || ch == '(' || ch == '<' ||
              ch == '>')
            break;
          size_t before = i_;
          Word w = parse_word();
          scratch_.words.push_back(w);
          if (i_ == before) break;
        }
        c.loop_words = arena_.take(scratch_.words, first);
      } else {
        // `for x; do` / `for x do`: the positional parameters.
        WordPart p;
        p.kind = PartKind::Param;
        p.text = "@";
        p.quoted = true;
        Word all;
        all.parts = arena_.copy(&p, 1);
        c.loop_words = arena_.copy(&all, 1);
      }
    }
    skip_blanks();
    if (peek() == ';') ++i_;
    Command parts[2];
    parts[1] = parse_do_body();
    c.children = arena_.copy(parts, 2);
    return c;
  }

  Command parse_case() {
    Command c;
    c.kind = CommandKind::Case;
    skip_bare_word();  // case
    skip_blanks();
    c.word = parse_word();
    expect_keyword("in");
    size_t first_item = scratch_.items.size();
    for (;;) {
      skip_blanks_and_newlines();
      if (eof()) break;
      if (at_keyword("esac")) {
        skip_bare_word();
        break;
      }
      CaseItem item;
      item.pos = here();
      if (peek() == '(') ++i_;
      size_t before = i_;
      size_t first_pattern = scratch_.words.size();
      for (;;) {
        skip_blanks();
        if (eof() || peek() == ')' || peek() == '\n') break;
        if (peek() == '|') {
          ++i_;
          continue;
        }
        size_t b = i_;
        Word w = parse_word();
        if (i_ == b) {
          ++i_;
          continue;
        }
        scratch_.words.push_back(w);
      }
      item.patterns = arena_.take(scratch_.words, first_pattern);
      item.label = label_of(item.patterns);
      if (peek() == ')') ++i_;
      item.body_ptr = arena_.make(parse_list(kTermEsac));
      skip_blanks_and_newlines();
      if (starts(";;&")) {
        i_ += 3;
      } else if (starts(";;") || starts(";&")) {
        i_ += 2;
      }
      scratch_.items.push_back(item);
      if (i_ == before) ++i_;
    }
    c.items = arena_.take(scratch_.items, first_item);
    return c;
  }

  // The patterns as written, joined by "|".
  std::string_view label_of(Span<Word> patterns) {
    if (patterns.size() == 1) return s_.substr(patterns[0].begin, patterns[0].end - patterns[0].begin);
    std::string label;
    for (const Word& w : patterns) {
      if (!label.empty()) label += "|";
      label += s_.substr(w.begin, w.end - w.begin);
    }
    return arena_.copy(label);
  }

  Command parse_group() {
    Command c;
    c.kind = CommandKind::Group;
    skip_bare_word();  // {
    c.children = one(parse_list(kTermBrace));
    skip_blanks_and_newlines();
    if (at_keyword("}")) skip_bare_word();
    return c;
  }

  Command parse_subshell() {
    Command c;
    c.kind = CommandKind::Subshell;
    ++i_;  // (
    c.children = one(parse_list(kTermParen));
    if (peek() == ')') ++i_;
    return c;
  }

  void skip_balanced_parens() {
    int level = 0;
    while (!eof()) {
      char ch = peek();
      if (ch == '(') {
        ++level;
      } else if (ch == ')') {
        --level;
        if (level <= 0) {
          advance();
          return;
        }
      } else if (ch == '\'' || ch == '"' || ch == '`') {
        parse_word();  // skipped
        continue;
      }
      advance();
    }
  }

  Command parse_arith_command() {
    skip_balanced_parens();
    Command c;
    c.kind = CommandKind::Opaque;
    return c;
  }

  Command parse_double_bracket() {
    Command c;
    c.kind = CommandKind::Simple;
    size_t first = scratch_.words.size();
    push_word();  // [[
    for (;;) {
      skip_blanks_and_newlines();
      if (eof()) break;
      if (at_keyword("]]")) {
        push_word();
        break;
      }
      char ch = peek();
      if (ch == '&' || ch == '|' || ch == '<' || ch == '>' || ch == '(' || ch == ')' || ch == ';') {
        ++i_;
        continue;
      }
      size_t before = i_;
      push_word();
      if (i_ == before) ++i_;
    }
    c.words = arena_.take(scratch_.words, first);
    return c;
  }

  void push_word() {
    Word w = parse_word();
    scratch_.words.push_back(w);
  }

  Command parse_function_keyword() {
    skip_bare_word();  // function
    skip_blanks();
    size_t start = i_;
    while (!eof() && !is_meta(peek())) advance();
    std::string_view name = s_.substr(start, i_ - start);
    skip_blanks();
    if (peek() == '(' && s_.substr(i_).size() >= 2) {
      size_t k = i_ + 1;
      while (k < s_.size() && is_blank(s_[k])) ++k;
      if (k < s_.size() && s_[k] == ')') i_ = k + 1;
    }
    return function_body(name);
  }

  Command function_body(std::string_view name) {
    skip_blanks_and_newlines();
    Command f;
    f.kind = CommandKind::Function;
    f.name = name;
    f.children = one(parse_command());
    return f;
  }

  // ---- redirections -----------------------------------------------------------------------
  // At a redirection operator (with an optional fd number before it)?
  size_t redirect_ahead() const {
    size_t k = i_;
    while (k < s_.size() && is_digit(s_[k])) ++k;
    if (k < s_.size() && (s_[k] == '<' || s_[k] == '>')) {
      if (s_[k] == '<' && k + 1 < s_.size() && s_[k + 1] == '(') return 0;  // process substitution
      if (s_[k] == '>' && k + 1 < s_.size() && s_[k + 1] == '(') return 0;
      return k - i_ + 1;
    }
    if (k == i_ && k < s_.size() && s_[k] == '&' && k + 1 < s_.size() && s_[k + 1] == '>') return 1;
    return 0;
  }

  // Parses one redirection onto scratch_.redirects.
  void parse_redirect() {
    Redirect r;
    size_t start = i_;
    while (is_digit(peek())) ++i_;
    if (i_ > start) {
      int fd = 0;
      for (size_t k = start; k < i_ && fd < 100000; ++k) fd = fd * 10 + (s_[k] - '0');
      r.fd = fd;
    }
    size_t op_start = i_;
    if (starts("<<<")) {
      i_ += 3;
    } else if (starts("<<-")) {
      i_ += 3;
    } else if (starts("<<")) {
      i_ += 2;
    } else if (starts("&>>")) {
      i_ += 3;
    } else if (starts("&>") || starts(">>") || starts(">&") || starts("<&") || starts("<>") || starts(">|")) {
      i_ += 2;
    } else {
      ++i_;
    }
    r.op = s_.substr(op_start, i_ - op_start);
    skip_blanks();
    r.target = parse_word();
    if (r.op == "<<" || r.op == "<<-") {
      PendingHeredoc h;
      h.delimiter = r.target.literal();
      h.strip_tabs = r.op == "<<-";
      for (const auto& part : r.target.parts)
        if (part.quoted) h.expands = false;
      heredocs_.push_back(std::move(h));
    }
    scratch_.redirects.push_back(r);
  }

  void parse_redirects(Command& c) {
    size_t first = scratch_.redirects.size();
    for (;;) {
      skip_blanks();
      if (redirect_ahead() == 0) break;
      parse_redirect();
    }
    c.redirects = arena_.take(scratch_.redirects, first);
  }

  // ---- simple commands --------------------------------------------------------------------
  static bool assignment_name(const Word& w, std::string_view& name, std::string_view& index, bool& append,
                              size_t& value_at) {
    if (w.parts.empty() || w.parts[0].kind != PartKind::Literal || w.parts[0].quoted) return false;
    std::string_view t = w.parts[0].text;
    if (t.empty() || !is_name_start(t[0])) return false;
    size_t k = 1;
    while (k < t.size() && is_name_char(t[k])) ++k;
    name = t.substr(0, k);
    index = {};
    if (k < t.size() && t[k] == '[') {
      size_t close = t.find(']', k);
      if (close == std::string_view::npos) return false;
      index = t.substr(k + 1, close - k - 1);
      k = close + 1;
    }
    append = false;
    if (k < t.size() && t[k] == '+') {
      append = true;
      ++k;
    }
    if (k >= t.size() || t[k] != '=') return false;
    value_at = k + 1;
    return true;
  }

  Command parse_simple() {
    Command c;
    c.kind = CommandKind::Simple;
    size_t first_assign = scratch_.assigns.size();
    size_t first_word = scratch_.words.size();
    size_t first_redirect = scratch_.redirects.size();
    auto word_count = [&] { return scratch_.words.size() - first_word; };
    auto drop_lists = [&] {
      scratch_.assigns.resize(first_assign);
      scratch_.words.resize(first_word);
      scratch_.redirects.resize(first_redirect);
    };
    for (;;) {
      skip_blanks();
      if (eof()) break;
      char ch = peek();
      if (redirect_ahead()) {
        parse_redirect();
        continue;
      }
      if (ch == '\n' || ch == ';' || ch == '&' || ch == '|' || ch == ')') break;
      // zsh ends a brace group at a bare `}` after a command's words: `f() { eval "$(..)" }`.
      if (opt_.dialect == Dialect::Zsh && ch == '}' && word_count() > 0 && (i_ + 1 >= s_.size() || is_meta(s_[i_ + 1])))
        break;
      if (ch == '(') {
        // `name () { ..}`: a function definition.
        if (word_count() == 1 && scratch_.assigns.size() == first_assign && scratch_.words[first_word].is_literal()) {
          size_t k = i_ + 1;
          while (k < s_.size() && is_blank(s_[k])) ++k;
          if (k < s_.size() && s_[k] == ')') {
            i_ = k + 1;
            std::string_view name = literal_text(scratch_.words[first_word]);
            drop_lists();
            return function_body(name);
          }
        }
        // `( ` inside a simple command: not valid shell; skip the parenthesised text.
        skip_balanced_parens();
        continue;
      }
      size_t before = i_;
      Word w = parse_word();
      if (i_ == before) {
        advance();
        continue;
      }
      std::string_view name, index;
      bool append = false;
      size_t value_at = 0;
      bool declaration = word_count() > 0 && is_declaration(scratch_.words[first_word]);
      if ((word_count() == 0 || declaration) && assignment_name(w, name, index, append, value_at)) {
        Assignment a;
        a.name = name;
        a.index = index;
        a.append = append;
        a.pos = w.pos;
        // The value: the rest of the first part, then the other parts.
        Word value;
        value.pos = w.pos;
        value.pos.column += static_cast<int>(value_at);
        value.begin = w.begin + value_at;
        value.end = w.end;
        size_t first_part = scratch_.parts.size();
        std::string_view rest = w.parts[0].text.substr(value_at);
        if (!rest.empty()) {
          WordPart p;
          p.kind = PartKind::Literal;
          p.text = rest;
          p.pos = value.pos;
          scratch_.parts.push_back(p);
        }
        for (size_t k = 1; k < w.parts.size(); ++k) scratch_.parts.push_back(w.parts[k]);
        value.parts = arena_.take(scratch_.parts, first_part);
        if (value.parts.empty() && peek() == '(') {
          a.is_array = true;
          a.elements = parse_array_elements();
        } else {
          a.value = value;
        }
        if (declaration) {
          // Keep it as an argument too so `local`/`export` see the name; the evaluator uses assigns.
          WordPart p;
          p.kind = PartKind::Literal;
          p.text = a.name;
          w.parts = arena_.copy(&p, 1);
          scratch_.words.push_back(w);
          a.declaration = true;
        }
        scratch_.assigns.push_back(a);
        continue;
      }
      scratch_.words.push_back(w);
    }
    c.assigns = arena_.take(scratch_.assigns, first_assign);
    c.words = arena_.take(scratch_.words, first_word);
    c.redirects = arena_.take(scratch_.redirects, first_redirect);
    return c;
  }

  // The text of a word made of literal parts (one part: no copy).
  std::string_view literal_text(const Word& w) {
    if (w.parts.size() == 1 && w.parts[0].kind == PartKind::Literal) return w.parts[0].text;
    return arena_.copy(w.literal());
  }

  static bool is_declaration(const Word& w) {
    if (w.parts.size() != 1 || w.parts[0].kind != PartKind::Literal || w.parts[0].quoted) return false;
    std::string_view t = w.parts[0].text;
    return t == "local" || t == "export" || t == "declare" || t == "typeset" || t == "readonly";
  }

  Span<Word> parse_array_elements() {
    advance();  // (
    size_t first = scratch_.words.size();
    for (;;) {
      skip_blanks_and_newlines();
      if (eof()) break;
      if (peek() == ')') {
        advance();
        break;
      }
      size_t before = i_;
      push_word();
      if (i_ == before) advance();
    }
    return arena_.take(scratch_.words, first);
  }

  // ---- words ------------------------------------------------------------------------------
  // A word's parts are pushed onto scratch_.parts from index `wf` on (the word's first part) while
  // it is parsed; parse_word_into copies them into the arena at the end.
  Word parse_word() {
    Word w;
    parse_word_into(w, false);
    return w;
  }

  // Text in a literal part is a view of the source (in the arena) or of a copy in the arena.
  void add_literal(size_t wf, std::string_view text, bool quoted, Pos pos) {
    auto& parts = scratch_.parts;
    if (parts.size() > wf && parts.back().kind == PartKind::Literal && parts.back().quoted == quoted) {
      WordPart& last = parts.back();
      if (last.text.empty()) {
        last.text = text;
      } else if (!text.empty()) {
        // Adjacent in the source (a"b" is not: the quote sits between): widen the view.
        if (in_source(last.text) && in_source(text) && last.text.data() + last.text.size() == text.data()) {
          last.text = std::string_view(last.text.data(), last.text.size() + text.size());
        } else {
          last.text = arena_.append(last.text, text);
        }
      }
      return;
    }
    WordPart p;
    p.kind = PartKind::Literal;
    p.quoted = quoted;
    p.text = text;
    p.pos = pos;
    parts.push_back(p);
  }

  bool in_source(std::string_view t) const {
    return t.data() >= s_.data() && t.data() + t.size() <= s_.data() + s_.size();
  }

  // in_brace: the word after ${x:- .. }: stops at the closing brace, blanks are part of it.
  void parse_word_into(Word& w, bool in_brace, bool dquoted = false) {
    size_t wf = scratch_.parts.size();
    w.pos = here();
    w.begin = i_;
    while (!eof()) {
      char c = peek();
      if ((c == '<' || c == '>') && peek(1) == '(' && !in_brace && !dquoted && depth_ < kMaxParseDepth) {
        Pos p = here();
        advance();
        advance();
        scratch_.parts.push_back(command_sub(p, false, true));
        continue;
      }
      if (in_brace) {
        if (c == '}') break;
      } else if (is_meta(c)) {
        break;
      }
      if (c == '\\') {
        if (peek(1) == '\n') {
          advance();
          advance();
          continue;
        }
        if (i_ + 1 >= s_.size()) {
          add_literal(wf, "\\", false, here());
          ++i_;
          continue;
        }
        Pos p = here();
        advance();
        if (dquoted && !(peek() == '$' || peek() == '`' || peek() == '"' || peek() == '\\' || peek() == '}')) {
          add_literal(wf, "\\", true, p);
        }
        add_literal(wf, s_.substr(i_, 1), true, p);
        advance();
      } else if (c == '\'' && !dquoted) {
        parse_single_quoted(wf);
      } else if (c == '"' && !dquoted) {
        parse_double_quoted(wf);
      } else if (c == '$') {
        parse_dollar(wf, dquoted);
      } else if (c == '`') {
        parse_backtick(dquoted);
      } else if ((c == '@' || c == '!' || c == '+' || c == '?' || c == '*') && peek(1) == '(' && !in_brace) {
        // extglob pattern: keep it as literal text
        size_t start = i_;
        Pos p = here();
        advance();
        skip_balanced_parens();
        add_literal(wf, s_.substr(start, i_ - start), false, p);
      } else {
        size_t start = i_;
        Pos p = here();
        // Outside braces and double quotes a newline ends the word, so a run of plain
        // characters holds none: it is found with the table alone, without counting lines.
        if (!in_brace && !dquoted) {
          size_t k = i_;
          while (k < s_.size()) {
            uint8_t cls = char_class(s_[k]);
            if (cls & (kClassInWord | kClassMeta)) break;
            if ((cls & kClassExtglob) && k + 1 < s_.size() && s_[k + 1] == '(') break;
            ++k;
          }
          i_ = k;
        } else {
          while (!eof()) {
            char d = peek();
            uint8_t k = char_class(d);
            if ((k & kClassInWord) && (!dquoted || (d != '\'' && d != '"'))) break;
            if (in_brace ? d == '}' : (k & kClassMeta) != 0) break;
            if ((k & kClassExtglob) && peek(1) == '(' && !in_brace) break;
            advance();
          }
        }
        if (i_ == start) {
          advance();
          add_literal(wf, s_.substr(start, 1), dquoted, p);
        } else {
          add_literal(wf, s_.substr(start, i_ - start), dquoted, p);
        }
      }
    }
    w.end = i_;
    w.parts = arena_.take(scratch_.parts, wf);
  }

  void parse_single_quoted(size_t wf) {
    Pos p = here();
    advance();
    size_t start = i_;
    size_t close = s_.find('\'', i_);
    size_t end = close == std::string_view::npos ? s_.size() : close;
    while (i_ < end) advance();
    add_literal(wf, s_.substr(start, end - start), true, p);
    if (!eof()) advance();
    // An empty '' still makes a (quoted, empty) word.
    if (end == start) add_literal(wf, "", true, p);
  }

  void parse_double_quoted(size_t wf) {
    Pos p = here();
    advance();  // "
    if (depth_ >= kMaxParseDepth) {
      while (!eof() && peek() != '"') advance();
      if (!eof()) advance();
      add_literal(wf, "", true, p);
      return;
    }
    ++depth_;
    add_literal(wf, "", true, p);
    while (!eof() && peek() != '"') {
      char c = peek();
      if (c == '\\') {
        char n = peek(1);
        if (n == '\n') {
          advance();
          advance();
        } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
          Pos q = here();
          advance();
          add_literal(wf, s_.substr(i_, 1), true, q);
          advance();
        } else {
          add_literal(wf, "\\", true, here());
          advance();
        }
      } else if (c == '$') {
        parse_dollar(wf, true);
      } else if (c == '`') {
        parse_backtick(true);
      } else {
        size_t start = i_;
        Pos q = here();
        while (!eof() && peek() != '"' && peek() != '\\' && peek() != '$' && peek() != '`') advance();
        add_literal(wf, s_.substr(start, i_ - start), true, q);
      }
    }
    if (!eof()) advance();
    --depth_;
  }

  void parse_ansi_c(size_t wf) {
    Pos p = here();
    advance();  // $
    advance();  // '
    std::string out;
    while (!eof() && peek() != '\'') {
      char c = peek();
      if (c != '\\') {
        out += c;
        advance();
        continue;
      }
      advance();
      if (eof()) {
        out += '\\';
        break;
      }
      char e = peek();
      advance();
      switch (e) {
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'e':
        case 'E': out += '\x1b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case '?': out += '?'; break;
        case 'c': {
          if (!eof()) {
            out += static_cast<char>(peek() & 0x1f);
            advance();
          }
          break;
        }
        case 'x': {
          int v = 0, n = 0;
          while (n < 2 && hex_value(peek()) >= 0) {
            v = v * 16 + hex_value(peek());
            advance();
            ++n;
          }
          if (n == 0) {
            out += "\\x";
          } else {
            out += static_cast<char>(v);
          }
          break;
        }
        case 'u':
        case 'U': {
          int max = e == 'u' ? 4 : 8;
          uint32_t v = 0;
          int n = 0;
          while (n < max && hex_value(peek()) >= 0) {
            v = v * 16 + static_cast<uint32_t>(hex_value(peek()));
            advance();
            ++n;
          }
          if (n == 0) {
            out += '\\';
            out += e;
          } else {
            append_utf8(out, v);
          }
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0', n = 1;
            while (n < 3 && peek() >= '0' && peek() <= '7') {
              v = v * 8 + (peek() - '0');
              advance();
              ++n;
            }
            out += static_cast<char>(v & 0xff);
          } else {
            out += '\\';
            out += e;
          }
      }
    }
    if (!eof()) advance();
    add_literal(wf, arena_.copy(out), true, p);
  }

  void parse_dollar(size_t wf, bool dquoted) {
    char n = peek(1);
    Pos p = here();
    if (n == '\'' && !dquoted) {
      parse_ansi_c(wf);
      return;
    }
    if (n == '"' && !dquoted) {
      advance();
      parse_double_quoted(wf);
      return;
    }
    if (n == '(' && peek(2) == '(') {
      size_t start = i_;
      advance();
      skip_balanced_parens();
      WordPart part;
      part.kind = PartKind::Arith;
      part.quoted = dquoted;
      part.text = s_.substr(start, i_ - start);
      part.pos = p;
      scratch_.parts.push_back(part);
      return;
    }
    if (n == '(') {
      advance();
      advance();
      scratch_.parts.push_back(command_sub(p, dquoted, false));
      return;
    }
    if (n == '{') {
      parse_braced_param(dquoted);
      return;
    }
    if (opt_.dialect == Dialect::Zsh && zsh_unbraced_param(p, dquoted)) return;
    if (is_name_start(n)) {
      advance();
      size_t start = i_;
      while (!eof() && is_name_char(peek())) advance();
      WordPart part;
      part.kind = PartKind::Param;
      part.quoted = dquoted;
      part.text = s_.substr(start, i_ - start);
      part.pos = p;
      scratch_.parts.push_back(part);
      return;
    }
    if (is_digit(n) || n == '@' || n == '*' || n == '#' || n == '?' || n == '$' || n == '!' || n == '-') {
      advance();
      WordPart part;
      part.kind = PartKind::Param;
      part.quoted = dquoted;
      part.text = s_.substr(i_, 1);
      part.pos = p;
      advance();
      scratch_.parts.push_back(part);
      return;
    }
    add_literal(wf, "$", dquoted, p);
    advance();
  }

  // zsh's unbraced forms: `$name[sub]` (a subscript, also in double quotes), `$#name` (length),
  // `$=name` (split), and `$+name`, `$~name`, `$^name` (not modelled: unknown).
  bool zsh_unbraced_param(Pos p, bool dquoted) {
    char n = peek(1);
    bool sigil = n == '#' || n == '=' || n == '+' || n == '~' || n == '^';
    if (!is_name_start(n) && !(sigil && is_name_start(peek(2)))) return false;
    WordPart part;
    part.kind = PartKind::Param;
    part.quoted = dquoted;
    part.pos = p;
    advance();  // $
    if (sigil) {
      if (n == '#') part.op = ParamOp::Length;
      else if (n == '=') part.split_words = true;
      else part.op = ParamOp::Other;
      advance();
    }
    size_t start = i_;
    while (!eof() && is_name_char(peek())) advance();
    part.text = s_.substr(start, i_ - start);
    if (peek() == '[') part.index = zsh_subscript(dquoted);
    scratch_.parts.push_back(part);
    return true;
  }

  // `[..]` at i_: the text inside, brackets balanced and quotes hiding them; i_ moves past it.
  std::string_view zsh_subscript(bool dquoted) {
    size_t close = i_ + 1;
    int level = 1;
    while (close < s_.size() && level > 0) {
      char q = s_[close];
      if (q == '\\' && close + 1 < s_.size()) {
        close += 2;
        continue;
      }
      if ((q == '\'' && !dquoted) || (q == '"' && !dquoted)) {
        size_t k = close + 1;
        while (k < s_.size() && s_[k] != q) k += (q == '"' && s_[k] == '\\') ? 2 : 1;
        close = std::min(k + 1, s_.size());
        continue;
      }
      if (q == '\n' || (dquoted && q == '"')) break;  // never past the line or the quote
      if (q == '[') ++level;
      if (q == ']') --level;
      if (level > 0) ++close;
    }
    if (level > 0) {  // unclosed: `$a[` is the parameter and a literal `[`
      return {};
    }
    std::string_view index = s_.substr(i_ + 1, close - i_ - 1);
    while (i_ < close && !eof()) advance();
    if (!eof()) advance();  // ]
    return index;
  }

  // zsh `${(flags)..}`: the text between the parentheses. A flag's argument (`j:sep:`, `s/,/`,
  // `l[x]`) is skipped whole, so a `)` inside it does not end the flags.
  std::string_view zsh_flags() {
    advance();  // (
    size_t start = i_;
    while (!eof() && peek() != ')') {
      char f = peek();
      advance();
      bool takes_arg = f == 'j' || f == 's' || f == 'l' || f == 'r' || f == 'g' || f == 'I' || f == '_' || f == 'Z';
      if (!takes_arg || eof()) continue;
      char d = peek();
      char close = d == '(' ? ')' : d == '[' ? ']' : d == '{' ? '}' : d == '<' ? '>' : d;
      advance();
      while (!eof() && peek() != close && peek() != '\n') advance();
      if (!eof() && peek() == close) advance();
    }
    std::string_view flags = s_.substr(start, i_ - start);
    if (!eof()) advance();  // )
    return flags;
  }

  WordPart command_sub(Pos p, bool dquoted, bool process) {
    WordPart part;
    part.kind = PartKind::CommandSub;
    part.quoted = dquoted;
    part.process = process;
    part.pos = p;
    if (depth_ >= kMaxParseDepth) {
      skip_to_close_paren();
      part.body = arena_.make(Command{});
      return part;
    }
    ++depth_;
    part.body = arena_.make(parse_list(kTermParen));
    --depth_;
    if (peek() == ')') advance();
    return part;
  }

  void skip_to_close_paren() {
    int level = 1;
    while (!eof()) {
      char c = peek();
      advance();
      if (c == '(') ++level;
      if (c == ')' && --level == 0) return;
    }
  }

  void parse_braced_param(bool dquoted) {
    Pos p = here();
    advance();  // $
    advance();  // {
    WordPart part;
    part.kind = PartKind::Param;
    part.quoted = dquoted;
    part.pos = p;
    if (opt_.dialect == Dialect::Zsh) {
      if (peek() == '(') part.flags = zsh_flags();
      if (peek() == '=' && (is_name_start(peek(1)) || peek(1) == '(' || peek(1) == '@' || peek(1) == '*')) {
        part.split_words = true;
        advance();
      }
      // ${(s: :)=x}, ${^x}, ${~x}, ${+x}: more than the evaluator models.
      if (peek() == '^' || peek() == '~' || peek() == '+' || peek() == '=' || peek() == '(') {
        part.op = ParamOp::Other;
        advance();
      }
    }
    if (part.op == ParamOp::Other) {
    } else if (peek() == '#' && peek(1) != '}' && !(peek(1) == ':' || peek(1) == '-' || peek(1) == '=' || peek(1) == '+')) {
      part.op = ParamOp::Length;
      advance();
    } else if (peek() == '!' || peek() == '(' || peek() == '^' || peek() == '=' || peek() == '~') {
      part.op = ParamOp::Other;  // ${!x} indirection, zsh flags: not modelled
    }
    size_t start = i_;
    if (is_name_start(peek())) {
      while (!eof() && is_name_char(peek())) advance();
    } else if (is_digit(peek())) {
      while (!eof() && is_digit(peek())) advance();
    } else if (peek() == '@' || peek() == '*' || peek() == '#' || peek() == '?' || peek() == '$' || peek() == '-' ||
               peek() == '!') {
      advance();
    }
    part.text = s_.substr(start, i_ - start);
    if (part.text.empty() && part.op != ParamOp::Other) part.op = ParamOp::Other;
    if (peek() == '[') {
      size_t close = i_ + 1;
      int level = 1;
      // Quotes in a subscript hide brackets (`${a[']']}`): bash reads them as quoted text.
      while (close < s_.size() && level > 0) {
        char q = s_[close];
        if (q == '\\' && close + 1 < s_.size()) {
          close += 2;
          continue;
        }
        if ((q == '\'' && !dquoted) || q == '"') {
          size_t k = close + 1;
          while (k < s_.size() && s_[k] != q) k += (q == '"' && s_[k] == '\\') ? 2 : 1;
          close = std::min(k + 1, s_.size());
          continue;
        }
        if (q == '[') ++level;
        if (q == ']') --level;
        if (level > 0) ++close;
      }
      part.index = s_.substr(i_ + 1, std::min(close, s_.size()) - i_ - 1);
      while (i_ < close && !eof()) advance();
      if (!eof()) advance();
    }
    if (part.op == ParamOp::None) {
      char c = peek();
      size_t oplen = 0;
      if (c == ':' && (peek(1) == '-' || peek(1) == '=' || peek(1) == '+' || peek(1) == '?')) {
        part.colon = true;
        c = peek(1);
        oplen = 2;
      } else if (c == '-' || c == '=' || c == '+' || c == '?') {
        oplen = 1;
      }
      if (oplen > 0) {
        part.op = c == '-' ? ParamOp::UseDefault
                  : c == '=' ? ParamOp::AssignDefault
                  : c == '+' ? ParamOp::UseAlternate
                             : ParamOp::ErrorIfUnset;
        i_ += oplen;
        Word arg;
        if (depth_ < kMaxParseDepth) {
          ++depth_;
          parse_word_into(arg, true, dquoted);
          --depth_;
        }
        part.arg = arena_.copy(&arg, 1);
      } else if (c != '}') {
        part.op = ParamOp::Other;
      }
    }
    if (part.op == ParamOp::Other || peek() != '}') skip_to_close_brace(dquoted);
    if (peek() == '}') advance();
    scratch_.parts.push_back(part);
  }

  void skip_to_close_brace(bool dquoted) {
    int level = 1;
    while (!eof()) {
      char c = peek();
      if (c == '\\') {
        advance();
        advance();
        continue;
      }
      if (c == '\'' && !dquoted) {
        size_t wf = scratch_.parts.size();
        parse_single_quoted(wf);
        scratch_.parts.resize(wf);
        continue;
      }
      // `${a/#/"-iname '"}`: a quote inside double quotes is a plain character.
      if (c == '"' && !dquoted) {
        size_t wf = scratch_.parts.size();
        parse_double_quoted(wf);
        scratch_.parts.resize(wf);
        continue;
      }
      if (c == '{') ++level;
      if (c == '}' && --level == 0) return;
      advance();
    }
  }

  void parse_backtick(bool dquoted) {
    Pos p = here();
    advance();  // `
    std::string inner;
    Pos inner_pos = here();
    while (!eof() && peek() != '`') {
      char c = peek();
      if (c == '\\' && (peek(1) == '`' || peek(1) == '\\' || peek(1) == '$')) {
        advance();
        inner += peek();
        advance();
        continue;
      }
      inner += c;
      advance();
    }
    if (!eof()) advance();
    WordPart part;
    part.kind = PartKind::CommandSub;
    part.quoted = dquoted;
    part.pos = p;
    ParseOptions sub;
    sub.origin = inner_pos;
    sub.keep_comments = false;
    sub.depth = depth_ + 1;
    sub.dialect = opt_.dialect;
    if (sub.depth >= kMaxParseDepth) {
      part.body = arena_.make(Command{});
    } else {
      // The body is parsed from its own text (backslashes removed), into the same tree.
      Parser nested(arena_.copy(inner), sub, script_, scratch_);
      part.body = arena_.make(nested.parse_all());
    }
    scratch_.parts.push_back(part);
  }
};

}  // namespace

Script parse_script(std::string_view text, const ParseOptions& options) {
  Script script;
  // The scratch lists are kept from one parse to the next (their memory is warm); a parse never
  // starts another parse_script, but a fresh set is used if one ever does.
  thread_local Scratch kept;
  thread_local bool kept_in_use = false;
  Scratch fresh;
  bool use_kept = !kept_in_use;
  Scratch& scratch = use_kept ? kept : fresh;
  if (use_kept) {
    kept_in_use = true;
    // Empty already unless an earlier parse was cut short by an exception.
    kept.parts.clear();
    kept.words.clear();
    kept.commands.clear();
    kept.assigns.clear();
    kept.redirects.clear();
    kept.items.clear();
  }
  struct Release {
    bool active;
    ~Release() {
      if (active) kept_in_use = false;
    }
  } release{use_kept};
  // The tree's texts are views of this copy (or of later copies in the same arena), so the tree
  // does not depend on the caller's buffer.
  script.source = script.arena.copy(text);
  Parser parser(script.source, options, script, scratch);
  script.root = parser.parse_all();
  return script;
}

}  // namespace tcg::shell
