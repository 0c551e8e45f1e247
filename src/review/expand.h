#pragma once
// `tcguard review --expand`: judge what a sign-in request really grants once its `assume:` scopes
// are expanded through roles (offline from a roles file, or online with auth.expandScopes).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "model/finding.h"
#include "util/result.h"

namespace tcg::review {

// Expands scopes to a fixed point; the result includes the input scopes.
using ScopeExpander = std::function<Result<std::vector<std::string>>(const std::vector<std::string>&)>;

struct ExpandedReview {
  Report report;                              // the plain review plus the findings expansion adds
  std::vector<std::string> expanded_scopes;   // normalized; empty when the scopes are unknown
};

// review_signin_strict, then the policy's rules on the expanded scopes. A rule that fires only
// after expansion is reported with the `assume:` scopes it came through. Errors: the arguments
// (as review_signin_strict) and the expander's own.
Result<ExpandedReview> review_signin_expanded(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                                              const std::optional<std::string>& root_url,
                                              const ScopeExpander& expand);

}  // namespace tcg::review
