// set_aside_non_signins: the calls the CLI would not sign in with leave the list of sign-ins.
#include <algorithm>

#include "shell/analysis.h"

namespace tcg::shell {

void set_aside_non_signins(Analysis& analysis) {
  auto not_signin = [](const SigninCall& call) {
    return tccli::signin_form(call.parsed()) != tccli::SigninForm::Signin;
  };
  auto first = std::stable_partition(analysis.signins.begin(), analysis.signins.end(),
                                     [&](const SigninCall& c) { return !not_signin(c); });
  std::move(first, analysis.signins.end(), std::back_inserter(analysis.not_signins));
  analysis.signins.erase(first, analysis.signins.end());
}

}  // namespace tcg::shell
