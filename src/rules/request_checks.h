#pragma once
// Resolving a sign-in request before it is judged (judge/judge.h judges it).
#include "model/finding.h"
#include "policy/policy.h"

namespace tcg::rules {

// request.cluster and request.production from its root URL.
void resolve_cluster(const policy::Policy& policy, SigninRequest& request);

}  // namespace tcg::rules
