#pragma once
// The launcher's fast path (src/main.cpp): a read-only Taskcluster command is passed straight to
// the real CLI without loading the program, since classification is all the guard does for it.
#include <optional>
#include <string>
#include <vector>

#include "guard/env.h"

namespace tcg::launch {

// The real CLI's argv ("taskcluster", ARGS...) when this invocation is the plain guard form
// `tcguard run -- taskcluster ARGS...` or the masquerade (argv[0] named `taskcluster`); nullopt for
// every other command line, including `run` with options, which the program parses.
std::optional<std::vector<std::string>> guarded_cli_argv(int argc, const char* const* argv);

// The real CLI to exec for `cli_argv` when the fast path applies: the command is read-only and the
// real CLI is found (guard::find_real_cli, never tcguard itself). nullopt when the program must
// handle it: a state-changing or unknown command, an exec loop, or no real CLI (the program then
// explains).
std::optional<std::string> fast_path_target(const std::vector<std::string>& cli_argv, const guard::Getenv& env,
                                            const std::string& self);

}  // namespace tcg::launch
