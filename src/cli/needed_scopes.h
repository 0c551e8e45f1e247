#pragma once
// What one job needs, on each path (issue 13 point 5): `task rerun|cancel|retrigger X` through the
// CLI (the queue scopes worked out from the stored task) and through the decision's in-tree action
// (`hooks:trigger-hook:<hookGroupId>/<hookId>`). Used by `scopes needed` and `signin --for`.
#include <optional>
#include <string>
#include <vector>

#include "api/client.h"
#include "util/result.h"

namespace tcg::cli {

struct Job {
  bool via_action = false;   // written as `action NAME X`
  std::string cli_verb;      // rerun | cancel | retrigger ("" when the action has no CLI twin)
  std::string action_name;   // the action of that job (rerun, cancel, retrigger, or NAME)
  std::string task_id;       // "" with --group
  std::string group_id;      // `action NAME --group G`
  bool exact = false;        // `task retrigger --exact`
};

// "task rerun X", "taskcluster task retrigger X --exact", "action retrigger X", "action cancel-all --group G".
Result<Job> parse_job(const std::vector<std::string>& words);

struct ActionScopes {
  std::string name, hook_group_id, hook_id;
  std::vector<std::string> scopes;
};
struct Needed {
  std::vector<std::string> cli;          // empty when the job has no CLI path
  std::optional<ActionScopes> action;    // nullopt: the decision publishes no matching action
  std::string action_note;               // why there is no action path ("" when there is one)
};
// Reads the task, its decision and actions.json anonymously from `anonymous.root_url`.
Result<Needed> needed_scopes(const Job& job, const api::ClientOptions& anonymous);

}  // namespace tcg::cli
