#pragma once
// The shell syntax tree: just enough of bash (and the zsh used in rc files) to follow what a
// `taskcluster signin` call is given. Anything else parses into opaque words or is skipped.
#include <memory>
#include <string>
#include <vector>

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

struct WordPart {
  PartKind kind = PartKind::Literal;
  bool quoted = false;       // inside '..', "..", $'..' or escaped: no field splitting
  std::string text;          // Literal: the text; Param: the name ("@", "*", "1", "HOME")
  // Param
  ParamOp op = ParamOp::None;
  bool colon = false;        // ${x:-d} (empty counts as unset) versus ${x-d}
  std::string index;         // "" | "@" | "*" | the subscript text
  std::vector<Word> arg;     // the word after the operator (0 or 1)
  // CommandSub
  std::shared_ptr<Command> body;  // a Seq
  bool process = false;      // <(..): a file name whose content is the output
  Pos pos;                   // where the part starts ($ or the quote)
};

struct Word {
  std::vector<WordPart> parts;
  Pos pos;
  size_t begin = 0;  // byte offsets of the word in its source text
  size_t end = 0;

  // The word as a plain string when it is made only of literal parts.
  bool is_literal() const;
  std::string literal() const;
  // True when the word is one unquoted literal equal to `s` (keywords, `{`, `}`).
  bool is_bare(const char* s) const;
};

struct Assignment {
  std::string name;
  std::string index;          // a[i]=v: "i"
  bool append = false;        // +=
  bool is_array = false;      // a=(..)
  bool declaration = false;   // an argument of local/export/declare/typeset/readonly
  Word value;                 // scalar value
  std::vector<Word> elements; // array elements
  Pos pos;
};

struct Redirect {
  std::string op;     // ">", ">>", "<", "<<", "<<<", ">&", "&>", ...
  int fd = -1;        // explicit fd before the operator, -1 when absent
  Word target;        // empty for here-documents
};

enum class CommandKind {
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
  std::vector<Word> patterns;
  std::string label;  // the patterns as written, joined by "|"
  Command* body() const { return body_ptr.get(); }
  std::shared_ptr<Command> body_ptr;
  Pos pos;
};

struct Command {
  CommandKind kind = CommandKind::Seq;
  Pos pos;
  int end_line = 0;
  // Simple
  std::vector<Assignment> assigns;
  std::vector<Word> words;
  std::vector<Redirect> redirects;
  // compound
  std::vector<Command> children;
  bool has_else = false;
  Word word;                       // Case subject
  std::vector<CaseItem> items;     // Case
  std::string name;                // Function name / for-loop variable
  std::string ops;                 // AndOr operators
  std::vector<Word> loop_words;    // for x in WORDS
  bool for_loop = false;
};

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
  Command root;  // a Seq
  std::vector<Comment> comments;
  std::vector<Extent> extents;
};

}  // namespace tcg::shell
