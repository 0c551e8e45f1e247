#pragma once
// The actions client (ACTIONS.md §3): from a task (or a task group) to its decision task, the
// decision's actions.json (fetched anonymously, redirects to storage followed without
// credentials), the decision's right to the hook, the rendered hookPayload, and hooks.triggerHook.
// Nothing here ever calls the queue to change a task: the only write is triggerHook.
#include <optional>
#include <string>
#include <vector>

#include "actions/actions_json.h"
#include "api/client.h"
#include "util/result.h"

namespace tcg::actions {

constexpr int kMaxRedirects = 5;

// GET <root>/api/queue/v1/task/<taskId>/artifacts/<name> with no Authorization header, following
// at most kMaxRedirects redirects: to https only, or to plain http on loopback when the root URL is
// loopback. `not_found` is set on a 404 (the artifact, or the task, does not exist).
Result<std::string> fetch_public_artifact(const api::ClientOptions& options, const std::string& task_id,
                                          const std::string& name, bool* not_found = nullptr);

struct Lookup {
  std::string task_id;                  // "" for a group
  std::string decision_id;              // the task's taskGroupId, or the group id
  nlohmann::json task;                  // the task's definition (null for a group)
  nlohmann::json decision_task;         // the decision task's definition
  std::optional<std::map<std::string, std::string>> tags;  // the task's tags; nullopt for a group
  ActionsFile file;
};

// Everything read before choosing an action. `id` is a task id, or with `group` a task group id
// (whose decision task has that id). Errors say what to do (the task or decision is gone, it
// published no actions.json, the file is malformed).
Result<Lookup> look_up(const api::ClientOptions& anonymous, const std::string& id, bool group);

// "'NAME' is not available for this task. Available: a, b" (ACTIONS.md §7's wording).
std::string not_available_message(const Lookup& lookup, const std::string& name);

// auth.expandScopes of the decision task's scopes: do they satisfy in-tree:hook-action:<g>/<h>?
Result<bool> decision_may_trigger(const api::ClientOptions& anonymous, const Lookup& lookup, const Action& action);

// hookPayload rendered with JSON-e in {taskGroupId: decision, taskId: task or null, input} plus the
// file's variables (the three base keys win over a variable of the same name); `decision` is put
// back exactly as the file has it, never rendered.
Result<Json> render_payload(const Lookup& lookup, const Action& action, const Json& input);

// POST <root>/api/hooks/v1/hooks/<hookGroupId>/<hookId, / as %2F>/trigger; the new action task id.
api::ApiResult<std::string> trigger_hook(const api::Client& client, const Action& action, const Json& payload);

// What the service's refusal means, and what to do (403, 404, 400, others).
std::string explain_trigger_error(const api::ApiError& error, const Action& action);

}  // namespace tcg::actions
