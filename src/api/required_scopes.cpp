#include "api/required_scopes.h"

#include <algorithm>

namespace tcg::api {

using scopes::Expr;

const std::vector<std::string>& task_priorities() {
  static const std::vector<std::string> p = {"highest", "very-high", "high", "medium", "low", "very-low", "lowest"};
  return p;
}

namespace {

// The queue's pattern for rerun and cancel: three ways to hold the right to act on one task.
Expr act_on_task_scopes(const TaskDefinition& t, const std::string& verb) {
  return Expr::any_of({
      Expr::of("queue:" + verb + ":" + t.scheduler_id + "/" + t.task_group_id + "/" + t.task_id),
      Expr::of("queue:" + verb + "-in-project:" + t.project_id),
      Expr::all_of({Expr::of("queue:" + verb), Expr::of("assume:scheduler-id:" + t.scheduler_id + "/" + t.task_group_id)}),
  });
}

}  // namespace

Expr rerun_task_scopes(const TaskDefinition& task) { return act_on_task_scopes(task, "rerun-task"); }
Expr cancel_task_scopes(const TaskDefinition& task) { return act_on_task_scopes(task, "cancel-task"); }

Result<Expr> create_task_scopes(const TaskDefinition& task) {
  const auto& priorities = task_priorities();
  auto it = std::find(priorities.begin(), priorities.end(), task.priority);
  if (it == priorities.end()) return Error{"unknown task priority '" + task.priority + "'", {}};
  std::vector<Expr> all;
  for (const auto& s : task.scopes) all.push_back(Expr::of(s));
  for (const auto& r : task.routes) all.push_back(Expr::of("queue:route:" + r));
  all.push_back(Expr::of("queue:create-task:project:" + task.project_id));
  all.push_back(Expr::of("queue:scheduler-id:" + task.scheduler_id));
  std::vector<Expr> any;
  // The task's own priority and every higher one: the earlier entries of the list.
  for (auto p = priorities.begin(); p != it + 1; ++p)
    any.push_back(Expr::of("queue:create-task:" + *p + ":" + task.provisioner_id + "/" + task.worker_type));
  all.push_back(Expr::any_of(std::move(any)));
  return Expr::all_of(std::move(all));
}

TaskDefinition retrigger_copy(const TaskDefinition& task, bool exact) {
  TaskDefinition copy = task;
  copy.task_id.clear();  // a new taskId the caller does not know yet
  if (!exact) copy.routes.clear();
  return copy;
}

Result<Expr> retrigger_task_scopes(const TaskDefinition& task, bool exact) {
  return create_task_scopes(retrigger_copy(task, exact));
}

Expr get_task_scopes(const std::string& task_id) { return Expr::of("queue:get-task:" + task_id); }
Expr task_status_scopes(const std::string& task_id) { return Expr::of("queue:status:" + task_id); }
Expr list_task_group_scopes(const std::string& group_id) { return Expr::of("queue:list-task-group:" + group_id); }

std::vector<std::string> leaf_scopes(const Expr& expr) {
  std::vector<std::string> out;
  if (expr.kind == Expr::Kind::Scope) {
    out.push_back(expr.scope);
    return out;
  }
  for (const auto& c : expr.children) {
    auto sub = leaf_scopes(c);
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

}  // namespace tcg::api
