#pragma once
// Judging one sign-in request: the built-in request checks (one file each under rules/request/)
// and the policy's rules. Used by `review`, `signin`, `lint` and the guard for `signin`.
#include <vector>

#include "policy/policy.h"
#include "model/finding.h"

namespace tcg::rules {

// Resolving, before judging: request.cluster and request.production from its root URL.
void resolve_cluster(const policy::Policy& policy, SigninRequest& request);

// The findings of the built-in request checks and of the policy rules on a resolved request, each
// located at request.where with its context; `request_index` is stored in each finding's
// `request`. Judging never changes its input.
std::vector<Finding> judge_request(const policy::Policy& policy, const SigninRequest& request, size_t request_index);

}  // namespace tcg::rules
