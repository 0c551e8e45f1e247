#pragma once
// What tcguard decides about one state-changing CLI command: the policy's `actions` (and, for
// `signin`, the sign-in review) on the cluster the command would act on.
#include <string>
#include <vector>

#include "guard/cluster.h"
#include "policy/policy.h"
#include "model/finding.h"
#include "tccli/command.h"

namespace tcg::guard {

enum class Verdict { Allow, Confirm, Deny };
std::string_view verdict_name(Verdict v);  // "allow" | "confirm" | "deny"

struct Decision {
  Verdict verdict = Verdict::Allow;
  Report report;                           // findings to show (and the sign-in request for signin)
  std::vector<std::string> rule_ids;       // every rule that fired, in order, without repeats
  std::vector<std::string> confirm_rules;  // actions that ask for the cluster's name
  std::vector<std::string> deny_rules;     // actions (or error findings of a sign-in review) that refuse
};

// An action's `commands` entry against a canonical command name: "*" is every command that changes
// the cluster (not `signin`, not `config set/reset`, which must be named); any other `*` is a
// wildcard ("api *", "task re*"); anything else must be equal.
bool command_pattern_matches(std::string_view pattern, const tccli::Command& command);
bool action_applies(const policy::Action& action, const tccli::Command& command, const Target& target);

// Only for state-changing commands (read-only commands are never judged).
Decision decide(const policy::Policy& policy, const tccli::Command& command, const Target& target);

}  // namespace tcg::guard
