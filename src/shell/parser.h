#pragma once
// Parsing shell text into a Script. Never fails: what it does not understand is skipped (one
// character or token at a time, so it always makes progress) and left out of the tree.
#include <string_view>

#include "shell/ast.h"
#include "shell/dialect.h"

namespace tcg::shell {

struct ParseOptions {
  Pos origin{1, 1};          // where text[0] sits in the file (alias bodies, backticks)
  bool keep_comments = true; // collect comments and extents (for suppressions)
  int depth = 0;             // nesting already used by the caller (bounded, for hostile input)
  Dialect dialect = Dialect::Bash;  // zsh: `$a[1]`, `$#a`, `$=a` and `${(flags)a}` are parameters
};

Script parse_script(std::string_view text, const ParseOptions& options = {});

// Nesting bound: deeper $(..), quotes or compound commands are skipped as opaque text.
inline constexpr int kMaxParseDepth = 64;

}  // namespace tcg::shell
