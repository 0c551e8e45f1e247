// The taskcluster command model on arbitrary argv: the input is split on NUL bytes into words.
// Checks the invariants the guard relies on, not just the absence of crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "guard/audit.h"
#include "guard/effect.h"
#include "tccli/command.h"
#include "tccli/signin_args.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) words.emplace_back();
    else words.back().push_back(static_cast<char>(data[i]));
  }
  if (words.size() > 64) return 0;
  tcg::tccli::Command c = tcg::tccli::parse_command(words);
  // Fail safe: what the model does not know is state-changing, unless it runs nothing (--help).
  if (!c.known && !c.state_changing && !c.help) std::abort();
  if (c.local_only && !c.state_changing && !c.help) std::abort();
  for (const auto& f : c.flags)
    if (f.rfind("--", 0) != 0) std::abort();
  (void)tcg::guard::describe_effect(c);
  std::vector<std::string> argv{"taskcluster"};
  argv.insert(argv.end(), words.begin(), words.end());
  auto redacted = tcg::guard::redact_argv(argv);
  if (redacted.size() != argv.size()) std::abort();
  // The one sign-in parser lint and review share: its verdict follows from what it parsed, and
  // only a sign-in is a request (a rejected one is never judged as the default `*`).
  if (!words.empty() && words[0] == "signin") {
    tcg::tccli::SigninArgs s = tcg::tccli::parse_signin_args(std::vector<std::string>(words.begin() + 1, words.end()));
    tcg::tccli::SigninForm form = tcg::tccli::signin_form(s);
    // Stray words alone are problems the CLI ignores: it still signs in, so the form is not Rejected.
    bool rejected_by_problems = !s.problems.empty() && !tcg::tccli::stray_words_only(s);
    if ((form == tcg::tccli::SigninForm::Rejected) != rejected_by_problems) std::abort();
    if (form == tcg::tccli::SigninForm::Help && !s.help) std::abort();
    if (s.request.scopes_defaulted && s.request.scopes != std::vector<std::string>{"*"}) std::abort();
  }
  return 0;
}
