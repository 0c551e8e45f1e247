#pragma once
// What `review` and lint's signin-invalid-arguments say about arguments the real CLI rejects:
// one wording for both front ends, from the one parser (tccli/signin_args.h).
#include <string>
#include <vector>

#include "tccli/signin_args.h"

namespace tcg::rules {

// The first problem (pflag stops at it), with a typo hint for an unknown long flag:
// "unknown flag: --scopes (did you mean `--scope`?)". "" when there is none.
std::string signin_rejection(const tccli::SigninArgs& parsed);

// The whole sentence both front ends print: "`CMD` would be rejected by the CLI: WHY", or, when the
// only problem is a stray word (cobra ignores it and signs in without it, so saying the CLI rejects
// it would be wrong), "`CMD` has a word the CLI ignores: ...". tcguard refuses both: a stray word is
// a forgotten -s more often than not, and the sign-in would not ask for what its author meant.
std::string signin_rejection_sentence(const std::string& command, const tccli::SigninArgs& parsed);

// `taskcluster signin ARGS` as the user would type it (a word the shell could not resolve is
// shown as written, e.g. `"$@"`).
std::string signin_command_text(const std::vector<tccli::SigninArg>& args);

}  // namespace tcg::rules
