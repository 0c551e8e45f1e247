#pragma once
// Judging one sign-in request: the built-in request checks (one file each under rules/request/)
// and the policy's rules. Used by `review`, `signin`, `lint` and the guard for `signin`.
#include <vector>

#include "policy/policy.h"
#include "model/finding.h"

namespace tcg::rules {

// Sets request.cluster and request.production from the policy, then returns the findings of the
// built-in request checks and of the policy rules, each located at request.where with its context.
// `request_index` is stored in each finding's `request`.
std::vector<Finding> judge_request(const policy::Policy& policy, SigninRequest& request, size_t request_index);

}  // namespace tcg::rules
