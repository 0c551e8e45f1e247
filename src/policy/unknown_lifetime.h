#pragma once
// Lint's reading of a sign-in whose lifetime it could not determine: possibly unbounded, so a
// rule that limits how long the requested scopes may live fails (fail closed). The guard and
// `evaluate_rules` keep their own reading (a limit on an unknown lifetime is not judged there).
#include <vector>

#include "policy/policy.h"

namespace tcg::policy {

std::vector<Finding> unknown_lifetime_findings(const Policy& policy, const SigninRequest& request);

}  // namespace tcg::policy
