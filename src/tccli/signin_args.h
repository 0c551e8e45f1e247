#pragma once
// `taskcluster signin` argument parsing as the real CLI (pflag) does it (TASKCLUSTER.md §2).
#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"

namespace tcg::tccli {

// One argv word after `signin`. known=false: the shell could not resolve it (e.g. "$@" in a
// function); its text is then only a display form.
struct SigninArg {
  std::string text;
  bool known = true;
  SourceLocation where;
};

struct SigninArgs {
  SigninRequest request;           // scopes (newline-split), expires, defaults; cluster left empty
  bool csh = false;
  bool check = false;               // --check: only asks whether the current credentials work
  bool help = false;                // -h/--help: prints help; neither is a sign-in request
  std::optional<std::string> name;
  std::vector<Error> problems;     // unknown flags, missing values: what the real CLI would reject
  std::vector<std::string> unknown_flags;  // the unknown long flags as written ("--expire"), in order
};

SigninArgs parse_signin_args(const std::vector<SigninArg>& args);

// What the real CLI does with parsed arguments, in cobra's order: a flag error stops it before
// anything else (Rejected: `problems` says why; a stray word alone is no flag error: the CLI ignores
// it, see stray_words_only), then -h/--help prints help, then
// --check only asks whether the current credentials work. Only Signin creates a client.
enum class SigninForm { Signin, Rejected, Help, Check };
SigninForm signin_form(const SigninArgs& args);
// Are all of `problems` stray words? cobra ignores those and signs in with the rest, so lint
// judges that sign-in (and reports the words); `review` and `tcguard signin` still refuse it.
bool stray_words_only(const SigninArgs& args);
SigninArgs parse_signin_args(const std::vector<std::string>& args);

// The long flags `taskcluster signin` knows ("--scope", "--expires", ...): candidates for a typo hint.
std::vector<std::string> signin_long_flags();

// How many of the words after `word` it takes as its value, as pflag reads it: 1 for a flag that
// takes a value and has none attached (`--expires`, `-s`, `-hs`), else 0. Lets a caller pick its
// own options out of signin's arguments without mistaking a flag's value for one.
int signin_flag_value_count(const std::string& word);

// The web UI's split of one -s value: by [\r\n]+, trimmed, empties dropped, duplicates dropped
// (first kept).
std::vector<std::string> split_scope_value(const std::string& value);

}  // namespace tcg::tccli
