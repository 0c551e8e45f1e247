#pragma once
// The exact scope expression the queue requires for the state-changing task calls the CLI makes
// (TASKCLUSTER.md §4-§5). Pure functions of the stored task: fetch it first (queue.task).
#include <string>
#include <vector>

#include "api/answers.h"
#include "scopes/scopes.h"
#include "util/result.h"

namespace tcg::api {

// highest, very-high, high, medium, low, very-low, lowest (index 0 is the highest).
const std::vector<std::string>& task_priorities();

// queue.rerunTask: AnyOf[queue:rerun-task:<schedulerId>/<taskGroupId>/<taskId>,
//   queue:rerun-task-in-project:<projectId>, AllOf[queue:rerun-task, assume:scheduler-id:<schedulerId>/<taskGroupId>]].
scopes::Expr rerun_task_scopes(const TaskDefinition& task);
// queue.cancelTask: the same with cancel-task.
scopes::Expr cancel_task_scopes(const TaskDefinition& task);
// queue.createTask for `task` as it will be created: AllOf[task scopes, queue:route:<r> per route,
// queue:create-task:project:<projectId>, queue:scheduler-id:<schedulerId>,
// AnyOf[queue:create-task:<p>:<provisionerId>/<workerType> for the task's priority and every higher one]].
// An unknown priority is an error.
Result<scopes::Expr> create_task_scopes(const TaskDefinition& task);
// What `taskcluster task retrigger` creates from `task`: the same definition with routes (and
// dependencies) dropped unless `exact`.
TaskDefinition retrigger_copy(const TaskDefinition& task, bool exact);
// create_task_scopes(retrigger_copy(task, exact)).
Result<scopes::Expr> retrigger_task_scopes(const TaskDefinition& task, bool exact);

// Read-only calls, for completeness of "what does this command need".
scopes::Expr get_task_scopes(const std::string& task_id);          // queue:get-task:<taskId>
scopes::Expr task_status_scopes(const std::string& task_id);       // queue:status:<taskId>
scopes::Expr list_task_group_scopes(const std::string& group_id);  // queue:list-task-group:<taskGroupId>

// Every leaf scope of an expression, in order of appearance (e.g. to suggest `signin -s` values).
std::vector<std::string> leaf_scopes(const scopes::Expr& expr);

}  // namespace tcg::api
