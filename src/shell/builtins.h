#pragma once
// The shell builtins the evaluator models, in one table: `Evaluator::eval_simple` dispatches on
// each entry's kind, and `body_shape` reads whether it has effects beyond the path that runs it,
// so the two cannot drift apart. A command name not in the table runs an unknown program (its
// output is unknown, nothing else changes).
#include <string_view>

namespace tcg::shell {

enum class BuiltinKind {
  Wrapper,  // command, builtin, exec, nohup, time: run the next word as the command
  Env,      // env [-u NAME] [NAME=VALUE...] COMMAND: a wrapper with its own assignments
  Declare,  // export, local, declare, typeset, readonly
  Unset,    // unset [-f] NAME...
  Eval,     // eval WORDS: the words are run as code
  Source,   // source / . FILE: code the evaluator cannot read
  Alias,    // alias NAME=BODY...
  Unalias,  // unalias NAME...
  Output,   // echo, printf: known output for a $(..) around them
  End,      // return, exit: the path ends
  Set,      // set -- ARGS: new positional parameters
  Shift,    // shift [N]
  Read,     // read, mapfile, readarray, getopts: variables set to unknown values
  NoOp,     // :, true, false, cd, [, [[, test, shopt, setopt, unsetopt, trap: nothing the evaluator follows
};

struct Builtin {
  std::string_view name;
  BuiltinKind kind;
  // Effects beyond the path that runs it (evaluating code, defining or removing aliases and
  // functions, or running another word as a command): a body using it is worth running alone.
  bool lasting_effects;
};

// nullptr when `name` is no builtin of the table.
const Builtin* find_builtin(std::string_view name);

// The programs the evaluator follows by their file name (`/usr/bin/xargs` as well as `xargs`),
// beside the builtins above: the runners of a taskcluster command given as their arguments
// (shell/cli_calls.cpp), and the commands lint pairs with credential files.
enum class NamedProgram {
  None,
  Runner,  // xargs, parallel, tcguard
  Remove,  // rm, shred, unlink
  Source,  // source, .
  Trap,    // trap: its EXIT handler is followed for what it removes
};
NamedProgram named_program(std::string_view command);
std::string_view basename_of(std::string_view command);

}  // namespace tcg::shell
