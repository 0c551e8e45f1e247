#pragma once
// The JSON answers of the API methods tcguard uses, checked and turned into plain structs. The
// answers come from the network: every field is checked, nothing is assumed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/result.h"

namespace tcg::api {

// The part of a task definition (queue.task) that decides which scopes act on it.
struct TaskDefinition {
  std::string task_id;            // not part of the definition: filled by the caller
  std::string scheduler_id = "-";     // the queue's defaults for absent fields
  std::string task_group_id;
  std::string project_id = "none";
  std::string provisioner_id;
  std::string worker_type;
  std::string priority = "lowest";
  std::vector<std::string> scopes;
  std::vector<std::string> routes;
  std::optional<int64_t> deadline_ms;  // parsed from the ISO 8601 `deadline`
};
// Accepts taskQueueId "<provisionerId>/<workerType>" when the two fields are absent.
Result<TaskDefinition> parse_task_definition(const nlohmann::json& j);

struct TaskStatus {
  std::string task_id;
  std::string state;               // unscheduled | pending | running | completed | failed | exception
  size_t runs = 0;
  std::optional<int64_t> deadline_ms;
};
// queue.status answers {"status": {...}}.
Result<TaskStatus> parse_task_status(const nlohmann::json& j);

struct ClientInfo {
  std::string client_id;
  std::optional<int64_t> created_ms;
  std::optional<int64_t> expires_ms;
  bool disabled = false;
  bool delete_on_expiration = false;
  std::vector<std::string> scopes;
  std::vector<std::string> expanded_scopes;
};
Result<ClientInfo> parse_client_info(const nlohmann::json& j);

// {"scopes": [...]} (auth.currentScopes, auth.expandScopes).
Result<std::vector<std::string>> parse_scopeset(const nlohmann::json& j);

// listTaskGroup: {"tasks": [{"status": {...}, "task": {...}}], "continuationToken"?}.
struct TaskGroupPage {
  std::vector<TaskStatus> tasks;
  std::optional<std::string> continuation_token;
};
Result<TaskGroupPage> parse_task_group_page(const nlohmann::json& j);

// ISO 8601 UTC as the services write it: "2026-01-31T12:34:56.789Z" (fraction optional; a
// numeric offset is accepted). Milliseconds since the epoch; nullopt for anything else.
std::optional<int64_t> parse_iso8601_ms(const std::string& text);
std::string format_iso8601_ms(int64_t ms);  // "2026-01-31T12:34:56.789Z"

}  // namespace tcg::api
