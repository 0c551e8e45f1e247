#pragma once
// The policy's `actions` on one state-changing CLI command: the one evaluation that `run` (through
// guard/decision.h) and `lint` (rules/shell/script_actions.cpp) share, so they cannot disagree.
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "policy/policy.h"
#include "tccli/command.h"

namespace tcg::rules {

// An action's `commands` entry against a canonical command name: "*" is every command that changes
// the cluster (not `signin`, not `config set/reset`, which must be named); any other `*` is a
// wildcard ("api *", "task re*"); anything else must be equal.
bool command_pattern_matches(std::string_view pattern, const tccli::Command& command);

// `cluster` is the policy cluster's name ("" when the root URL names none); `production` as
// policy::classify_root_url decides it (an unknown or missing root URL is production).
bool action_applies(const policy::Action& action, const tccli::Command& command, const std::string& cluster,
                    bool production);

// The actions that apply, in the policy's order. Read-only commands get none.
std::vector<const policy::Action*> applicable_actions(const policy::Policy& policy, const tccli::Command& command,
                                                      const std::string& cluster, bool production);

// The finding an action gives (rule id, severity, message and help from the policy).
Finding action_finding(const policy::Action& action);

}  // namespace tcg::rules
