#include "review/expand.h"

#include <algorithm>

#include "review/review.h"
#include "scopes/scopes.h"

namespace tcg::review {

namespace {

bool fires(const policy::Policy& policy, const SigninRequest& request, const std::string& rule) {
  auto findings = policy::evaluate_rules(policy, request);
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule == rule; });
}

// The requested scopes that can pull in roles: `assume:...`, and stars that cover `assume:`.
bool may_assume(const std::string& scope) {
  if (scope.rfind("assume:", 0) == 0) return true;
  return !scope.empty() && scope.back() == '*' && std::string("assume:").rfind(scope.substr(0, scope.size() - 1), 0) == 0;
}

// Which of the request's role-pulling scopes make `rule` fire on their own; all of them when the
// rule needs their combination.
Result<std::vector<std::string>> granted_through(const policy::Policy& policy, const SigninRequest& request,
                                                 const std::string& rule, const ScopeExpander& expand) {
  std::vector<std::string> candidates, through;
  for (const auto& s : request.scopes)
    if (may_assume(s)) candidates.push_back(s);
  for (const auto& s : candidates) {
    auto one = expand({s});
    if (!one) return one.error();
    SigninRequest alone = request;
    alone.scopes = *one;
    if (fires(policy, alone, rule)) through.push_back(s);
  }
  return through.empty() ? candidates : through;
}

std::string quoted_list(const std::vector<std::string>& scopes) {
  std::string out;
  for (size_t i = 0; i < scopes.size(); ++i) out += (i ? ", `" : "`") + scopes[i] + "`";
  return out;
}

}  // namespace

Result<ExpandedReview> review_signin_expanded(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                                              const std::optional<std::string>& root_url,
                                              const ScopeExpander& expand) {
  auto plain = review_signin_strict(policy, signin_args, root_url);
  if (!plain) return plain.error();
  ExpandedReview out;
  out.report = std::move(*plain);
  const SigninRequest& request = out.report.requests.front();
  if (!request.scopes_known) return out;
  auto expanded = expand(request.scopes);
  if (!expanded) return expanded.error();
  out.expanded_scopes = scopes::normalize(*expanded);

  SigninRequest grants = request;
  grants.scopes = out.expanded_scopes;
  std::vector<Finding> added;
  for (auto& f : policy::evaluate_rules(policy, grants)) {
    bool already = std::any_of(out.report.findings.begin(), out.report.findings.end(),
                               [&](const Finding& g) { return g.rule == f.rule; });
    if (already) continue;  // the request as written is caught already
    auto through = granted_through(policy, request, f.rule, expand);
    if (!through) return through.error();
    f.message = "through role expansion of " + quoted_list(*through) + ": " + f.message;
    f.request = 0;
    added.push_back(std::move(f));
  }
  policy::apply_exceptions(policy, policy::today_days_utc(), added);
  for (auto& f : added) out.report.findings.push_back(std::move(f));
  return out;
}

}  // namespace tcg::review
