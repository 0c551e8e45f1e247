// scope-redundant: a requested scope that another requested scope already covers (or a duplicate);
// it hides how much the request really grants.
#include <algorithm>

#include "rules/request/request_check.h"
#include "scopes/scopes.h"

namespace tcg::rules {
namespace {

class ScopeRedundantCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "scope-redundant"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    if (request.scopes.size() < 2) return;
    // Sorted by scopeCompare, a covering `X*` comes before everything it covers.
    std::vector<std::string> sorted = request.scopes;
    std::sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) { return scopes::scope_less(a, b); });
    std::vector<std::string> kept;
    for (const auto& scope : sorted) {
      auto cover = std::find_if(kept.begin(), kept.end(),
                                [&](const std::string& k) { return scopes::scope_satisfies(k, scope); });
      if (cover == kept.end()) {
        kept.push_back(scope);
        continue;
      }
      std::string msg = *cover == scope ? "scope " + quote_scope(scope) + " is requested twice"
                                        : "scope " + quote_scope(scope) + " is already covered by " + quote_scope(*cover);
      out.push_back(finding(request, msg, "Drop " + quote_scope(scope) + " from the request."));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_scope_redundant_check() { return std::make_unique<ScopeRedundantCheck>(); }
}  // namespace tcg::rules
