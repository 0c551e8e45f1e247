// insufficient-scopes: the credentials cannot satisfy what the queue will require.
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

std::optional<Finding> insufficient_scopes(const Facts& facts) {
  scopes::ScopeSet held(facts.identity.scopes);
  auto missing = scopes::remove_given_scopes(held, facts.required);
  if (!missing) return std::nullopt;
  const auto& t = facts.task.summary;
  Finding f;
  f.rule = "insufficient-scopes";
  f.severity = rules::rule_severity(f.rule);
  f.message = "the credentials of " + facts.identity.client_id + " lack the scopes that `task " +
              std::string(task_action_name(facts.action)) + "` of " + t.task_id + " (schedulerId " + t.scheduler_id +
              ", taskGroupId " + t.task_group_id + ", projectId " + t.project_id + ") needs: missing " +
              describe_expr(*missing) + "; the queue would answer InsufficientScopes";
  f.help = "Sign in with what the command needs, for as short a time as the job takes: " +
           minimal_signin_command(facts.minimal_scopes);
  return f;
}

}  // namespace tcg::guard::credential
