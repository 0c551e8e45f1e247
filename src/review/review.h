#pragma once
// `tcguard review` / `tcguard signin`: a sign-in request judged before it happens.
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "report/finding.h"

namespace tcg::review {

// Reviews `taskcluster signin ARGS` (args after "signin") as the real CLI would parse them, on the
// cluster of `root_url` (the caller passes $TASKCLUSTER_ROOT_URL; nullopt = unset). Policy
// exceptions are applied. The report holds exactly one request.
Report review_signin_args(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                          const std::optional<std::string>& root_url);

}  // namespace tcg::review
