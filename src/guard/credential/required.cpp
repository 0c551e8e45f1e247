// What the queue will require for a task command, and the narrowest sign-in that satisfies it.
#include "api/required_scopes.h"
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

Result<scopes::Expr> required_scopes(TaskAction action, const api::TaskDefinition& task, bool exact) {
  switch (action) {
    case TaskAction::Rerun: return api::rerun_task_scopes(task);
    case TaskAction::Cancel: return api::cancel_task_scopes(task);
    case TaskAction::Retrigger: return api::retrigger_task_scopes(task, exact);
    case TaskAction::None: break;
  }
  return Error{"not a judged task command", {}};
}

std::vector<std::string> minimal_scopes(TaskAction action, const api::TaskDefinition& task, bool exact) {
  if (action == TaskAction::Rerun || action == TaskAction::Cancel) {
    // The first alternative names one task; the others cover a whole project or scheduler.
    const std::string verb = action == TaskAction::Rerun ? "rerun-task" : "cancel-task";
    return {"queue:" + verb + ":" + task.scheduler_id + "/" + task.task_group_id + "/" + task.task_id};
  }
  if (action != TaskAction::Retrigger) return {};
  // Every AllOf leaf of createTask, and of its priority AnyOf only the task's own priority: a
  // higher one would allow more than the copy needs.
  api::TaskDefinition copy = api::retrigger_copy(task, exact);
  std::vector<std::string> out = copy.scopes;
  for (const auto& r : copy.routes) out.push_back("queue:route:" + r);
  out.push_back("queue:create-task:project:" + copy.project_id);
  out.push_back("queue:scheduler-id:" + copy.scheduler_id);
  out.push_back("queue:create-task:" + copy.priority + ":" + copy.provisioner_id + "/" + copy.worker_type);
  return out;
}

}  // namespace tcg::guard::credential
