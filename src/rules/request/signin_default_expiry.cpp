// signin-default-expiry: without --expires, the client lives a day.
#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

class SigninDefaultExpiryCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "signin-default-expiry"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    if (!request.expires_defaulted) return;
    out.push_back(finding(request, "no --expires given, so the credentials live 1d",
                          "Give the shortest lifetime that does the job, e.g. --expires 15m."));
  }
};

}  // namespace
std::unique_ptr<Check> make_signin_default_expiry_check() { return std::make_unique<SigninDefaultExpiryCheck>(); }
}  // namespace tcg::rules
