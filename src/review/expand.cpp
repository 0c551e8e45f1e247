#include "review/expand.h"

#include "judge/judge.h"
#include "review/review.h"
#include "scopes/scopes.h"

namespace tcg::review {

namespace {

// The requested scopes that can pull in roles: `assume:...`, and stars that cover `assume:`.
bool may_assume(const std::string& scope) {
  if (scope.rfind("assume:", 0) == 0) return true;
  return !scope.empty() && scope.back() == '*' && std::string("assume:").rfind(scope.substr(0, scope.size() - 1), 0) == 0;
}

}  // namespace

Result<ExpandedReview> review_signin_expanded(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                                              const std::optional<std::string>& root_url,
                                              const ScopeExpander& expand) {
  auto request = resolve_signin_strict(policy, signin_args, root_url);
  if (!request) return request.error();
  ExpandedReview out;
  judge::Subject subject;
  // Resolving: what the roles grant, in all and per role-pulling scope (judging names the ones
  // that grant what a rule objects to).
  rules::RoleExpansion expansion;
  if (request->scopes_known) {
    auto expanded = expand(request->scopes);
    if (!expanded) return expanded.error();
    out.expanded_scopes = scopes::normalize(*expanded);
    expansion.granted = out.expanded_scopes;
    for (const auto& s : request->scopes) {
      if (!may_assume(s)) continue;
      auto one = expand({s});
      if (!one) return one.error();
      expansion.by_scope.emplace_back(s, std::move(*one));
    }
    subject.expansion = &expansion;
  }
  subject.signins.push_back(std::move(*request));
  out.report = judge::judge(policy, subject).report;
  return out;
}

}  // namespace tcg::review
