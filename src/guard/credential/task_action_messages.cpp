// retrigger-breaks-cot and rerun-force-completed, made specific with what the queue says about the
// task: which Chain-of-Trust pool it runs on, whether it completed.
#include "api/cot.h"
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

void task_action_messages(const Facts& facts, CredentialCheck& check) {
  const std::string& id = facts.task.summary.task_id;
  if (facts.action == TaskAction::Retrigger) {
    api::CotRelevance cot = api::classify_cot(facts.task.definition);
    if (cot.relevant) {
      std::string why = cot.reason == "scriptworker pool"
                            ? "runs on the scriptworker pool " + cot.pool
                            : "is a Chain-of-Trust task (" + cot.reason + (cot.pool.empty() ? "" : ", pool " + cot.pool) + ")";
      check.action_messages["retrigger-breaks-cot"] =
          id + " " + why + ": a retriggered copy has a new taskId that no decision or action task-graph contains, so "
          "Chain of Trust cannot verify the copy, nor anything downstream of it";
    }
  }
  if (facts.action == TaskAction::Rerun && facts.command.has_flag("--force") && facts.status.state == "completed") {
    check.action_messages["rerun-force-completed"] =
        id + " is completed (" + std::to_string(facts.status.runs) + " run" + (facts.status.runs == 1 ? "" : "s") +
        "): `rerun --force` makes a new run whose artifacts change under the downstream tasks that already used "
        "them, and their Chain of Trust checks fail";
  }
}

}  // namespace tcg::guard::credential
