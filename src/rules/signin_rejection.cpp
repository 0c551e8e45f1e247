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

std::string signin_rejection_sentence(const std::string& command, const tccli::SigninArgs& parsed) {
  static const std::string kStray = "unexpected argument: ";
  bool stray_only = !parsed.problems.empty();
  for (const auto& p : parsed.problems)
    if (p.message.rfind(kStray, 0) != 0) stray_only = false;
  if (stray_only) {
    std::string words;
    for (const auto& p : parsed.problems) words += (words.empty() ? "`" : ", `") + p.message.substr(kStray.size()) + "`";
    return "`" + command + "` has a word the CLI ignores (" + words +
           "): it would sign in without it; a forgotten `-s`?";
  }
  return "`" + command + "` would be rejected by the CLI: " + signin_rejection(parsed) + "; nothing is signed in";
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
