#pragma once
// What a body (a function's, an alias's) can do beyond its own path when the evaluator runs it on
// its own: sign in, evaluate code, define or remove aliases and functions, run a command whose
// name is computed. A body that can do none of these, and calls no alias and no function that
// can, finds nothing when run on its own, so the evaluator does not run it (most of an rc file's
// functions and aliases, and nearly all of a completion script's, are such bodies).
#include <string>
#include <vector>

#include "shell/ast.h"

namespace tcg::shell {

struct BodyShape {
  bool effects = false;             // any of the above, found without running anything
  std::vector<std::string> calls;   // literal command names run (maybe functions or aliases)
};

// A syntactic walk of `body` (shell/walk.h: $(..), case patterns, nested bodies and the rest).
BodyShape body_shape(const Command& body);

// The command names the evaluator gives effects beyond the path that runs them: the CLI itself,
// eval, source, alias, unalias, unset (-f), and the wrappers that run the next word as a command.
bool has_lasting_effects(std::string_view command_name);

}  // namespace tcg::shell
