#pragma once
// The credential checks of `tcguard run`, one per file, all judging the same facts: the task, its
// status, the credentials' identity and the scopes the queue will require.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/answers.h"
#include "api/identity.h"
#include "api/queue.h"
#include "guard/cluster.h"
#include "guard/credential_check.h"
#include "policy/policy.h"
#include "model/finding.h"
#include "model/rule.h"
#include "scopes/scopes.h"
#include "tccli/command.h"

namespace tcg::guard::credential {

struct Facts {
  const policy::Policy& policy;
  const tccli::Command& command;
  TaskAction action;
  const Target& target;
  const api::queue::Task& task;
  const api::TaskStatus& status;
  const api::Identity& identity;
  const scopes::Expr& required;
  const std::vector<std::string>& minimal_scopes;
  int64_t now_ms;
};

// The scopes the queue will require for `action` on the task (retrigger: the copy's createTask).
Result<scopes::Expr> required_scopes(TaskAction action, const api::TaskDefinition& task, bool exact);
// The narrowest scopes that satisfy the requirement: the per-task scope for rerun/cancel; for
// retrigger the copy's task scopes, routes, project, scheduler and its own priority's create-task.
std::vector<std::string> minimal_scopes(TaskAction action, const api::TaskDefinition& task, bool exact);

// "`a`", "one of (`a`, `b`, all of (`c`, `d`))".
std::string describe_expr(const scopes::Expr& expr);

std::optional<Finding> insufficient_scopes(const Facts& facts);
std::optional<Finding> excess_privilege(const Facts& facts);
// The credentials in use as the rules judge them: their scopes beyond what anonymous callers
// hold, their lifetime, on the target cluster, held by them (the rules' messages say "hold").
SigninRequest held_request(const api::Identity& identity, const Target& target);
// The policy's rules on held_request (run and whoami alike).
std::vector<Finding> credential_policy_rules(const Facts& facts);
// A failed call: error on production (the command is refused), warning elsewhere.
Finding unverifiable_credentials(const Target& target, const std::string& what);
// Specific messages for the retrigger-breaks-cot and rerun-force-completed actions.
void task_action_messages(const Facts& facts, CredentialCheck& check);
// What the real CLI or the queue would refuse by itself (a note, not a finding).
std::vector<std::string> cli_would_refuse_notes(const Facts& facts);

}  // namespace tcg::guard::credential
