#pragma once
// What the API told about the credentials in use (and, for a task command, what the queue will
// require), resolved by guard/ before judging: the checks on credentials see only these facts.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/finding.h"
#include "scopes/scopes.h"

namespace tcg::rules {

// The task command judged against the credentials (run): what the queue will require.
struct TaskCommandFacts {
  std::string action;  // "rerun" | "cancel" | "retrigger"
  std::string task_id, scheduler_id, task_group_id, project_id;
  scopes::Expr required;
  std::vector<std::string> minimal_scopes;  // the least a sign-in needs for this command
};

struct CredentialFacts {
  std::string context;  // the findings' context: "credentials" (run) or "whoami"
  bool production = true;
  // The API could not tell what the credentials hold or what the task needs: why, and what to do.
  // When set, nothing below is known.
  std::optional<std::pair<std::string, std::string>> unverifiable;  // message, help
  std::string client_id;
  std::vector<std::string> scopes;            // auth.currentScopes, expanded
  std::vector<std::string> beyond_anonymous;  // what everyone does not already hold
  // The credentials as the policy's rules judge them: their scopes beyond anonymous, their
  // lifetime, `holder` set. In the report's requests (whoami shows it; run leaves it out).
  SigninRequest held;
  std::optional<TaskCommandFacts> task;
};

// Review --expand: the request's scopes once `assume:` roles are expanded, and what each
// role-pulling scope expands to on its own (to say which one grants what the rules object to).
struct RoleExpansion {
  std::vector<std::string> granted;
  std::vector<std::pair<std::string, std::vector<std::string>>> by_scope;
};

// `eval "$(taskcluster signin --expires 15m -s '...' ...)"`, shell-quoted.
std::string minimal_signin_command(const std::vector<std::string>& scopes);
// "`a`", "one of (`a`, `b`, all of (`c`, `d`))".
std::string describe_expr(const scopes::Expr& expr);

}  // namespace tcg::rules
