#include "rules/signin_rejection.h"

#include "policy/suggest.h"
#include "util/shell_quote.h"

namespace tcg::rules {

std::string signin_rejection(const tccli::SigninArgs& parsed) {
  if (parsed.problems.empty()) return "";
  const std::string& first = parsed.problems.front().message;
  std::string hint;
  if (!parsed.unknown_flags.empty() && first == "unknown flag: " + parsed.unknown_flags.front())
    hint = policy::did_you_mean(parsed.unknown_flags.front(), tccli::signin_long_flags());
  return first + hint;
}

std::string signin_command_text(const std::vector<tccli::SigninArg>& args) {
  std::string shown = "taskcluster signin";
  for (const auto& a : args) {
    const std::string& w = a.text;
    // Bare when that is unambiguous, else single-quoted, so the user sees which word the CLI
    // would stop at.
    bool plain = !a.known || (!w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                                "0123456789-_=:/.,+@%^") == std::string::npos);
    shown += " " + (plain ? w : posix_quoted(w));
  }
  return shown;
}

}  // namespace tcg::rules
