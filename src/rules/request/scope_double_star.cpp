// scope-double-star: the services reject scopes ending in `**` ("scopes must not end with **").
#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

class ScopeDoubleStarCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "scope-double-star"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    for (const auto& scope : request.scopes) {
      if (scope.size() < 2 || scope.compare(scope.size() - 2, 2, "**") != 0) continue;
      std::string fixed = scope;
      while (fixed.size() >= 2 && fixed.compare(fixed.size() - 2, 2, "**") == 0) fixed.pop_back();
      out.push_back(finding(request, "scope " + quote_scope(scope) + " ends in `**`, which Taskcluster rejects",
                            "Use a single trailing star: " + quote_scope(fixed) + "."));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_scope_double_star_check() { return std::make_unique<ScopeDoubleStarCheck>(); }
}  // namespace tcg::rules
