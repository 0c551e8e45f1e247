#pragma once
// `tcguard policy show`: the effective policy as YAML that parses back to the same policy, each
// cluster, rule, action and exception annotated with the file:line it came from.
#include <string>

#include "policy/policy.h"

namespace tcg::policy {

std::string policy_to_yaml(const Policy& policy);

}  // namespace tcg::policy
