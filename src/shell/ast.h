#pragma once
// The shell syntax tree: just enough of bash (and the zsh used in rc files) to follow what a
// `taskcluster signin` call is given. Anything else parses into opaque words or is skipped.
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "util/arena.h"

namespace tcg::shell {

// 1-based line and column in the file being linted.
struct Pos {
  int line = 0;
  int column = 0;
};

struct Command;
struct Word;

enum class PartKind {
  Literal,     // text after quote removal
  Param,       // $x ${x} ${x:-d} $1 $@ ${a[@]} ...
  CommandSub,  // $(..) `..` <(..)
  Arith,       // $((..)): its value is never known
};

// How a ${..} expands. Anything the evaluator does not model is Other (its value is unknown).
enum class ParamOp {
  None,
  UseDefault,     // ${x:-d} (colon) / ${x-d}
  AssignDefault,  // ${x:=d} / ${x=d}
  UseAlternate,   // ${x:+a} / ${x+a}
  ErrorIfUnset,   // ${x:?m}
  Length,         // ${#x}
  Other,          // ${x#p} ${x/a/b} ${!x} ${x^^} ...
};

// Every node and every text of a tree lives in its Script's arena: nodes are plain values (no
// owning members), lists are Spans, texts are string_views. The tree is freed in one go.
struct WordPart {
  PartKind kind = PartKind::Literal;
  bool quoted = false;       // inside '..', "..", $'..' or escaped: no field splitting
  bool colon = false;        // Param: ${x:-d} (empty counts as unset) versus ${x-d}
  bool process = false;      // CommandSub: <(..), a file name whose content is the output
  ParamOp op = ParamOp::None;
  Pos pos;                   // where the part starts ($ or the quote)
  std::string_view text;     // Literal: the text; Param: the name ("@", "*", "1", "HOME")
  std::string_view index;    // Param: "" | "@" | "*" | the subscript text
  Span<Word> arg;            // Param: the word after the operator (0 or 1)
  std::string_view flags;    // Param, zsh: the flags of ${(j: :)x}, between the parentheses
  bool split_words = false;  // Param, zsh: $=x / ${=x}, split on IFS whatever the options
  const Command* body = nullptr;  // CommandSub: a Seq
};

struct Word {
  Span<WordPart> parts;
  Pos pos;
  size_t begin = 0;  // byte offsets of the word in its source text
  size_t end = 0;

  // The word as a plain string when it is made only of literal parts.
  bool is_literal() const;
  std::string literal() const;
  // True when the word is one unquoted literal equal to `s` (keywords, `{`, `}`).
  bool is_bare(std::string_view s) const;
  // True when the word is made only of literal parts that spell `s` (no copy, unlike literal()).
  bool literal_equals(std::string_view s) const;
};

struct Assignment {
  std::string_view name;
  std::string_view index;     // a[i]=v: "i"
  bool append = false;        // +=
  bool is_array = false;      // a=(..)
  bool declaration = false;   // an argument of local/export/declare/typeset/readonly
  Word value;                 // scalar value
  Span<Word> elements;        // array elements
  Pos pos;
};

struct Redirect {
  std::string_view op;  // ">", ">>", "<", "<<", "<<<", ">&", "&>", ...
  int fd = -1;          // explicit fd before the operator, -1 when absent
  Word target;          // empty for here-documents
};

enum class CommandKind : uint8_t {
  Simple,
  Seq,       // children in order (also the body of every compound command)
  AndOr,     // children[0] ops[0] children[1] ops[1] ...: ops[i] is '&' (&&) or '|' (||)
  Pipe,      // children[0] | children[1] | ...
  Not,       // ! children[0]
  Background,  // children[0] &
  Subshell,  // ( children[0] )
  Group,     // { children[0] }
  If,        // children: cond, body, [cond, body]..., [else]; has_else
  Case,      // word; items
  Loop,      // while/until/for/select: children[0] = condition (or empty), children[1] = body
  Function,  // name; children[0] = body
  Opaque,    // (( .. )), [[ .. ]] and what the parser skipped: nothing to follow
};

struct CaseItem {
  Span<Word> patterns;
  std::string_view label;  // the patterns as written, joined by "|"
  const Command* body() const { return body_ptr; }
  const Command* body_ptr = nullptr;
  Pos pos;
};

struct Command {
  CommandKind kind = CommandKind::Seq;
  bool has_else = false;
  bool for_loop = false;
  Pos pos;
  int end_line = 0;
  // Simple
  Span<Assignment> assigns;
  Span<Word> words;
  Span<Redirect> redirects;
  // compound
  Span<Command> children;
  Word word;                   // Case subject
  Span<CaseItem> items;        // Case
  std::string_view name;       // Function name / for-loop variable
  std::string_view ops;        // AndOr operators
  Span<Word> loop_words;       // for x in WORDS
};

static_assert(std::is_trivially_destructible_v<Command> && std::is_trivially_copyable_v<Command>,
              "syntax tree nodes live in an arena and are never destroyed one by one");

// A comment, kept for `# tcguard:` suppressions.
struct Comment {
  std::string text;  // after the '#'
  Pos pos;
  bool own_line = false;  // nothing but blanks before it on its line
};

// Where each command starts and ends (lines), for suppressions.
struct Extent {
  int first_line = 0;
  int last_line = 0;
};

struct Script {
  Arena arena;              // owns every node and text of the tree below
  std::string_view source;  // the parsed text (the arena's copy): what word offsets refer to
  Command root;             // a Seq
  std::vector<Comment> comments;
  std::vector<Extent> extents;
  // Here-document bodies (lines), skipped by the parser; `expands`: the delimiter was unquoted,
  // so bash runs the $(..) and `..` in the body.
  struct Heredoc {
    int first_line = 0;
    int last_line = 0;
    bool expands = false;
  };
  std::vector<Heredoc> heredocs;
};

}  // namespace tcg::shell
