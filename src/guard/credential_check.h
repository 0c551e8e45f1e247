#pragma once
// The credentials in use, judged against the task command they are about to run (issue 5 item 3):
// fetch the task and its status, compute the exact scopes the queue will require, and apply the
// credential checks and the policy's rules to the credentials' scopes and lifetime.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/client.h"
#include "api/credentials.h"
#include "guard/cluster.h"
#include "guard/decision.h"
#include "policy/policy.h"
#include "model/finding.h"
#include "scopes/scopes.h"
#include "tccli/command.h"

namespace tcg::guard {

// The task commands judged against the credentials. `task complete` and `group cancel` are not:
// complete needs worker scopes (claimTask), group cancel one call per task of the group.
enum class TaskAction { None, Rerun, Cancel, Retrigger };
// task rerun|cancel|retrigger with a task id, and `api queue rerunTask|cancelTask <taskId>`.
TaskAction task_action_of(const tccli::Command& command);
std::string_view task_action_name(TaskAction action);  // "rerun" | "cancel" | "retrigger" | ""

// What the check found out; merged into the Decision by apply_credential_check.
struct CredentialCheck {
  bool applicable = false;        // a judged task command
  bool has_credentials = false;   // credentials in the environment or the CLI's config file
  bool verified = false;          // the API answered every call the judgement needs
  std::string client_id;
  bool temporary = false;
  std::optional<int64_t> lifetime_seconds;
  std::optional<scopes::Expr> required;       // what the queue will require
  std::vector<std::string> minimal_scopes;    // the least a sign-in needs for this command
  std::string task_state;                     // "" when unknown
  std::vector<Finding> findings;              // insufficient-scopes, excess-privilege, policy rules, ...
  std::map<std::string, std::string> action_messages;  // rule id -> a more specific message for an action finding
  std::vector<std::string> notes;             // facts worth saying that are not findings
};

struct CredentialCheckOptions {
  int64_t now_ms = 0;                          // 0: the wall clock
  api::HttpTransport transport;                // empty: libcurl
  std::optional<int> retries;                  // nullopt: the official clients' 5
};

// Reads the credentials (TASKCLUSTER.md §3) and asks the API. Never throws; API failures become an
// `unverifiable-credentials` finding: an error on a production target, a warning elsewhere.
CredentialCheck check_credentials(const policy::Policy& policy, const tccli::Command& command, const Target& target,
                                  const api::Getenv& getenv, const CredentialCheckOptions& options = {});

// Adds the check's findings to the decision: an error finding refuses (deny), action findings
// named in action_messages get the specific message.
void apply_credential_check(Decision& decision, const CredentialCheck& check);

}  // namespace tcg::guard
