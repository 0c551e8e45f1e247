// scope-inner-star: only a final `*` is a wildcard; `queue:*:foo` matches nothing but itself.
#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

class ScopeInnerStarCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "scope-inner-star"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    for (const auto& scope : request.scopes) {
      size_t end = scope.size();
      while (end > 0 && scope[end - 1] == '*') --end;  // trailing stars are the double-star check's
      size_t star = scope.find('*');
      if (star == std::string::npos || star >= end) continue;
      out.push_back(finding(
          request,
          "scope " + quote_scope(scope) + " has a `*` at column " + std::to_string(star + 1) +
              " that is not last, so it is a literal star, not a wildcard",
          "Only a final `*` is a wildcard: end the scope at the star (" + quote_scope(scope.substr(0, star + 1)) +
              ") if you meant a prefix, or name the exact scope."));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_scope_inner_star_check() { return std::make_unique<ScopeInnerStarCheck>(); }
}  // namespace tcg::rules
