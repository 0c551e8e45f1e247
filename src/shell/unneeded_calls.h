#pragma once
// The pre-pass that keeps the evaluator to what can matter (issue 15): which function bodies of a
// file need not be run when they are called, because running them could change nothing that a
// `taskcluster` command (or anything else lint reports) is given.
//
// A body is unneeded when, judged on the syntax alone:
//   - it is plain: no sign-in or other `taskcluster` command, eval, source, alias, unset, runner
//     (xargs, parallel, tcguard), wrapper, computed command name, function definition, `exit`,
//     `set`, `read`-like builtin, option builtin (shopt, setopt, unsetopt, emulate), `trap`,
//     rm/shred/unlink (lint follows what removes a credentials file), and no declaration whose
//     words are computed;
//   - no variable it can leave set (its writes, but not its locals) can matter: a variable
//     matters when it is read where a value leaves the world of variables (the words of a
//     command the evaluator follows: not those of a program it knows nothing of, nor of `[`,
//     `test` or `cd`; redirections; a case subject or pattern; a for loop's words), or when its value flows
//     by assignments (`X=$Y`, `local X=$Y`) into one that matters. `$NAME` in literal text counts
//     as a read (alias bodies and eval'd strings are literal text until they run). IFS,
//     TASKCLUSTER_* and TCGUARD_* always matter: the evaluator reads them by itself.
//
// Whether a call may be skipped is then decided when it happens (Evaluator::skippable_call): the
// body is unneeded, the call's output is not captured, every function it may call is, by the
// definitions at that moment, unneeded too (or, when called inside a $(..) or subshell, can find
// nothing and notes no file), and no alias of such a name exists. Text assembled at
// run time (an eval'd string, an alias body, a function an eval defines) was not seen by the
// pre-pass: once a call was skipped, if such text reads a variable a skipped call could have set
// (or one that such a variable's value flows into), or a private local (below), calls a function, or is called itself (an alias, a function an eval
// defined), the file is evaluated again following every call, so that a skip never changes a
// result.
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "shell/ast.h"

namespace tcg::shell {

struct UnneededBody {
  // The variables it may set, and those their values flow into (views into the script): what a
  // skip can leave with other values than a run would.
  std::vector<std::string_view> writes;
  // The literal command names it runs, outside and inside subshells and $(..) (there what a
  // callee sets is gone when the subshell ends; only what it reports counts).
  std::vector<std::string_view> calls, calls_in_subshells;
};

struct UnneededCalls {
  // The unneeded function bodies among those defined in `script` (by address).
  std::map<const Command*, UnneededBody> bodies;
  // The locals that the pre-pass took for variables of their function alone (a function that
  // calls no other); text run at run time could still read them.
  std::set<std::string_view> private_locals;
};
UnneededCalls unneeded_calls(const Script& script);

// Does the body (or a $(..) in it) remove or source a file or set a trap? Lint pairs these with
// credential files, so a call that does is never skipped, not even inside a $(..).
bool notes_files(const Command& body);

}  // namespace tcg::shell
