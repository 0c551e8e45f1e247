// signin-default-scopes: without -s, `taskcluster signin` asks for `*`, everything the user has.
#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

class SigninDefaultScopesCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "signin-default-scopes"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    if (!request.scopes_defaulted) return;
    out.push_back(finding(request,
                          "no --scope given, so the sign-in asks for `*` (every scope you have)",
                          "Name the scopes the job needs, e.g. -s 'queue:rerun-task:gecko-level-3/*'."));
  }
};

}  // namespace
std::unique_ptr<Check> make_signin_default_scopes_check() { return std::make_unique<SigninDefaultScopesCheck>(); }
}  // namespace tcg::rules
