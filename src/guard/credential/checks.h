#pragma once
// Resolving the credentials in use for `tcguard run` (the checks on them are rules/credential/):
// the scopes the queue will require, and the messages and notes that need the task itself.
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

// The credentials in use as the rules judge them: their scopes beyond what anonymous callers
// hold, their lifetime, on the target cluster, held by them (the rules' messages say "hold").
SigninRequest held_request(const api::Identity& identity, const Target& target);
// A failed call, as rules::CredentialFacts::unverifiable: the message (which says whether the
// command is refused: on production) and the help.
std::pair<std::string, std::string> unverifiable(const Target& target, const std::string& what);
// Specific messages for the retrigger-breaks-cot and rerun-force-completed actions.
void task_action_messages(const Facts& facts, CredentialCheck& check);
// What the real CLI or the queue would refuse by itself (a note, not a finding).
std::vector<std::string> cli_would_refuse_notes(const Facts& facts);

}  // namespace tcg::guard::credential
