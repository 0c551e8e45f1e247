// scope-invalid: a scope must be printable ASCII (0x20..0x7e); the services reject anything else.
#include "rules/request/request_check.h"
#include "scopes/scopes.h"

namespace tcg::rules {
namespace {

class ScopeInvalidCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "scope-invalid"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    for (const auto& scope : request.scopes) {
      if (scopes::is_valid_scope(scope)) continue;
      out.push_back(finding(request, "scope " + quote_scope(scope) + " has characters outside printable ASCII",
                            "Remove the control or non-ASCII characters; scopes are printable ASCII only."));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_scope_invalid_check() { return std::make_unique<ScopeInvalidCheck>(); }
}  // namespace tcg::rules
